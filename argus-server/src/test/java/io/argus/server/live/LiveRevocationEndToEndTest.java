package io.argus.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.client.Answer;
import io.argus.client.ArgusClient;
import io.argus.server.testing.TestNode;
import io.argus.testkit.tier.E2e;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An open {@code live.ws} ends within two seconds of its credential losing the right to it (the socket is
 * authorized once, at its upgrade, so without a re-check it streamed on): a revoked token, a disabled user, a reset
 * password, view-live taken away. Sockets of credentials that still hold go on.
 */
@E2e
class LiveRevocationEndToEndTest {
    private static final String PASSWORD = "a-long-viewer-passphrase";
    /** The bound: a player is cut no later than an LL-HLS player would be at its next requests. */
    private static final long BOUND_MS = 2_000;
    /** WebSocket close code 1008, policy violation (RFC 6455 §7.4.1). */
    private static final int POLICY_VIOLATION = 1008;

    @RegisterExtension
    static final TestNode NODE = TestNode.withCameras(1);
    static LiveFixture f;

    @BeforeAll
    static void start() {
        f = new LiveFixture(NODE);
    }

    private static LiveWsClient open(String token) throws InterruptedException {
        LiveWsClient c = new LiveWsClient(f.http, "ws://127.0.0.1:" + f.server.httpPort() + "/api/v1/cameras/"
                + f.camera + "/live.ws", token);
        c.await(2, Duration.ofSeconds(10));
        return c;
    }

    /** How long after {@code sinceNanos} the socket closed, asserting it closed for its credential in the bound. */
    private static long closedWithin(LiveWsClient c, long sinceNanos) throws Exception {
        int code = c.closed.get(BOUND_MS + 3_000, TimeUnit.MILLISECONDS);
        long ms = (System.nanoTime() - sinceNanos) / 1_000_000;
        assertThat(code).isEqualTo(POLICY_VIOLATION);
        assertThat(ms).as("milliseconds from the revocation to the close").isLessThanOrEqualTo(BOUND_MS);
        return ms;
    }

    @Test
    void aRevokedTokensSocketClosesAndAnotherTokensGoesOn() throws Exception {
        Answer t = f.api.post("/api/v1/me/tokens", "{\"name\":\"video-wall\",\"scopes\":[\"view-live\"]}");
        assertThat(t.status()).as(t.body()).isEqualTo(201);
        LiveWsClient revoked = open(t.json().get("token").asText());
        LiveWsClient kept = open(f.api.token());
        try {
            long at = System.nanoTime();
            assertThat(f.api.delete("/api/v1/me/tokens/" + t.json().get("id").asText()).status()).isEqualTo(204);
            System.out.printf("live.ws: closed %d ms after its token was revoked%n", closedWithin(revoked, at));
            int seen = kept.received();
            kept.await(seen + 5, Duration.ofSeconds(5));
            assertThat(kept.closed).isNotDone();
        } finally {
            revoked.abort();
            kept.abort();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"disabled\":true}", "{\"password\":\"another-long-passphrase\"}",
            "{\"roles\":[\"auditor\"]}"})
    void aUsersSocketClosesWhenAnAdministratorEndsItsRight(String change) throws Exception {
        String name = "v-" + UUID.randomUUID().toString().substring(0, 8);
        Answer u = f.api.post("/api/v1/users", "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD
                + "\",\"roles\":[\"viewer\"]}");
        assertThat(u.status()).as(u.body()).isEqualTo(201);
        ArgusClient viewer = ArgusClient.local(f.server.httpPort()).login(name, PASSWORD);
        LiveWsClient c = open(viewer.token());
        try {
            long at = System.nanoTime();
            assertThat(f.api.patch("/api/v1/users/" + u.json().get("id").asText(), change).status()).isEqualTo(200);
            System.out.printf("live.ws: closed %d ms after %s%n", closedWithin(c, at), change);
        } finally {
            c.abort();
        }
    }
}
