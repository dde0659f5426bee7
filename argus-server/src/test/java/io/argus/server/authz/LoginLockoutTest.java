package io.argus.server.authz;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.client.Answer;
import io.argus.client.ArgusClient;
import io.argus.server.ArgusServer;
import io.argus.server.testing.TestNode;
import io.argus.testkit.ManualClock;
import io.argus.testkit.tier.E2e;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Lockout: N failures per user, and M per source address, within the window lock for a while (429). */
@E2e
class LoginLockoutTest {
    static final String ADMIN_PW = TestNode.PASSWORD;
    static final String PW = "a-long-test-passphrase";

    ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    /** A fresh node for every test (an instance field): lockouts must not carry over. */
    @RegisterExtension
    TestNode node = TestNode.bare().set("auth.lockout.maxFailures", "3")
            .set("auth.lockout.maxFailuresPerSource", "6").set("auth.lockout.window", "10m")
            .set("auth.lockout.duration", "5m").clock(clock);
    ArgusServer server;
    ArgusClient anon;

    @BeforeEach
    void start() {
        server = node.server();
        anon = node.anonymous();
        ArgusClient admin = node.api();
        for (String u : new String[] {"alice", "bob", "carol"}) {
            assertThat(admin.post("/api/v1/users", "{\"username\":\"" + u + "\",\"password\":\"" + PW
                    + "\",\"roles\":[\"viewer\"]}").status()).isEqualTo(201);
        }
    }

    private Answer login(String user, String password) {
        return anon.post("/api/v1/auth/login", "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
    }

    @Test
    void aUserIsLockedAfterNFailuresEvenWithTheRightPasswordThenFreedAfterTheLockout() {
        assertThat(login("alice", "wrong-1").status()).isEqualTo(401);
        assertThat(login("alice", "wrong-2").status()).isEqualTo(401);
        assertThat(login("alice", "wrong-3").status()).isEqualTo(401);
        Answer locked = login("alice", PW);
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.json().get("error").asText()).isEqualTo("too_many_requests");
        assertThat(locked.body()).contains("300 s");
        assertThat(login("bob", PW).status()).as("another user is not locked").isEqualTo(200);
        clock.advance(Duration.ofMinutes(4));
        assertThat(login("alice", PW).status()).isEqualTo(429);
        clock.advance(Duration.ofMinutes(1));
        assertThat(login("alice", PW).status()).isEqualTo(200);
    }

    @Test
    void retryAfterSaysHowLongAndTheLockedAttemptIsNotEvenChecked() throws Exception {
        for (int i = 0; i < 3; i++) {
            login("alice", "wrong");
        }
        var http = java.net.http.HttpClient.newHttpClient();
        var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.httpPort()
                + "/api/v1/auth/login")).POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                "{\"username\":\"alice\",\"password\":\"wrong\"}")).header("Content-Type", "application/json").build();
        clock.advance(Duration.ofSeconds(100));
        long t0 = System.nanoTime();
        var r = http.send(req, java.net.http.HttpResponse.BodyHandlers.ofString());
        long micros = (System.nanoTime() - t0) / 1000;
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("200");
        // A locked attempt stays locked for the same time: it does not count as another failure.
        clock.advance(Duration.ofSeconds(200));
        assertThat(login("alice", PW).status()).isEqualTo(200);
        assertThat(micros).as("no Argon2 check while locked (µs)").isLessThan(2_000_000);
    }

    @Test
    void failuresOutsideTheWindowOrBeforeASuccessDoNotCount() {
        login("alice", "wrong");
        login("alice", "wrong");
        clock.advance(Duration.ofMinutes(11));
        login("alice", "wrong");
        assertThat(login("alice", PW).status()).as("only one failure in the window").isEqualTo(200);
        login("alice", "wrong");
        login("alice", "wrong");
        assertThat(login("alice", PW).status()).as("a success clears the count").isEqualTo(200);
    }

    @Test
    void oneAddressTryingManyUsersIsLockedForAllOfThem() {
        String[] users = {"alice", "bob", "carol", "nobody1", "nobody2", "nobody3"};
        for (String u : users) {
            assertThat(login(u, "wrong").status()).isEqualTo(401);
        }
        Answer locked = login("admin", ADMIN_PW);
        assertThat(locked.status()).isEqualTo(429);
        clock.advance(Duration.ofMinutes(5));
        assertThat(login("admin", ADMIN_PW).status()).isEqualTo(200);
    }
}
