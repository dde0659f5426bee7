package io.argus.server.authz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.client.ArgusClient;
import io.argus.server.ArgusServer;
import io.argus.server.testing.TestNode;
import io.argus.testkit.Await;
import io.argus.testkit.tier.E2e;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What RTSP logins cost and leave behind: a password is an Argon2 hash, so requests carrying the same credentials
 * share one check however many they are and however they arrive (pipelined on one connection, or on several at
 * once), wrong ones included; and a failed login is in the audit log like an HTTP one, one row per user and
 * address in a while rather than one per request. (The bound on checks waiting for a thread, past which a request
 * is answered 503, is {@code RtspCredentialChecksTest}'s.)
 */
@E2e
class RtspLoginTest {
    private static final String PASSWORD = "a-long-test-passphrase";

    // Every client here is 127.0.0.1: the per-address lockout would end the test, not a guesser.
    @RegisterExtension
    static final TestNode node = TestNode.bare().set("auth.lockout.maxFailuresPerSource", "1000");
    static ArgusServer server;
    static ArgusClient admin;
    static ArgusClient acme;
    static String camera;

    @BeforeAll
    static void start() {
        server = node.server();
        admin = node.api();
        camera = AccessFixture.ok(admin.post("/api/v1/cameras", "{\"name\":\"cam\",\"url\":\"rtsp://127.0.0.1:9/x\","
                + "\"enabled\":false}")).get("id").asText();
        for (String user : List.of("burst", "guess", "barrier")) {
            AccessFixture.ok(admin.post("/api/v1/users", "{\"username\":\"" + user + "\",\"password\":\"" + PASSWORD
                    + "\",\"roles\":[\"viewer\"]}"));
        }
        AccessFixture.ok(admin.post("/api/v1/tenants", "{\"name\":\"acme\",\"adminUsername\":\"boss\","
                + "\"adminPassword\":\"" + PASSWORD + "\"}"));
        acme = admin.withToken(AccessFixture.ok(admin.withToken(null).post("/api/v1/auth/login",
                "{\"tenant\":\"acme\",\"username\":\"boss\",\"password\":\"" + PASSWORD + "\"}")).get("token").asText());
    }

    @Test
    void oneFreshCredentialIsCheckedOnceHoweverManyRequestsCarryIt() throws Exception {
        long before = server.rtsp().credentialChecks();
        List<String> answers = pipelined(4, 75, i -> "burst:" + PASSWORD);
        assertThat(answers).hasSize(300).allSatisfy(a -> assertThat(a).as("allowed; the camera is not live")
                .startsWith("RTSP/1.0 503"));
        assertThat(server.rtsp().credentialChecks() - before).as("Argon2 checks for 300 requests").isEqualTo(1);
    }

    @Test
    void wrongPasswordsAreCheckedOnceEachAndAuditedOncePerUserAndAddress() throws Exception {
        long before = server.rtsp().credentialChecks();
        List<String> same = pipelined(2, 50, i -> "guess:wrong-password");
        List<String> each = pipelined(1, 20, i -> "guess:wrong-password-" + i);
        assertThat(same).hasSize(100).allSatisfy(a -> assertThat(a).startsWith("RTSP/1.0 401"));
        assertThat(each).hasSize(20).allSatisfy(a -> assertThat(a).startsWith("RTSP/1.0 401"));
        assertThat(server.rtsp().credentialChecks() - before).as("one check per distinct credential").isEqualTo(21);

        Await.until(Duration.ofSeconds(10), () -> !failedLogins(admin, "guess").isEmpty(), () -> "an audit row");
        // Every check above had ended before its 401 was sent, and only the first was to be written.
        assertThat(failedLogins(admin, "guess")).singleElement().satisfies(row -> {
            assertThat(row.path("outcome").asText()).isEqualTo("failed");
            assertThat(row.path("sourceIp").asText()).isEqualTo("127.0.0.1");
            assertThat(row.path("details").path("via").asText()).isEqualTo("rtsp");
            assertThat(row.path("details").path("tenant").asText()).isEqualTo("default");
            assertThat(row.toString()).doesNotContain("wrong-password");
        });
    }

    @Test
    void aFailedLoginIsAuditedInTheTenantItNamed() throws Exception {
        assertThat(pipelined(1, 1, i -> "acme/boss:not-the-password")).singleElement().asString()
                .startsWith("RTSP/1.0 401");
        assertThat(pipelined(1, 1, i -> "nowhere/bob:not-the-password")).singleElement().asString()
                .startsWith("RTSP/1.0 401");
        Await.until(Duration.ofSeconds(10), () -> !failedLogins(acme, "boss").isEmpty()
                && !failedLogins(admin, "bob").isEmpty(), () -> "both audit rows");
        assertThat(failedLogins(acme, "boss")).singleElement().satisfies(row -> {
            assertThat(row.path("details").path("tenant").asText()).isEqualTo("acme");
            assertThat(row.toString()).doesNotContain("not-the-password");
        });
        assertThat(failedLogins(admin, "boss")).as("not in the default tenant's log").isEmpty();
        assertThat(failedLogins(admin, "bob")).as("an unknown tenant: filed under the default one").hasSize(1);
    }

    private static List<JsonNode> failedLogins(ArgusClient auditor, String user) {
        JsonNode rows = AccessFixture.ok(auditor.get("/api/v1/audit?action=auth.login&user=" + user)).path("entries");
        return StreamSupport.stream(rows.spliterator(), false)
                .filter(r -> r.path("details").path("via").asText().equals("rtsp")).toList();
    }

    /**
     * {@code perConnection} DESCRIBEs of the camera on each of {@code connections} connections, every request
     * written before any answer is read; the answers' status lines and headers, in order.
     *
     * @param credentials {@code user:password} of the n-th request of a connection
     */
    private static List<String> pipelined(int connections, int perConnection, IntFunction<String> credentials)
            throws Exception {
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int c = 0; c < connections; c++) {
                Socket s = new Socket("127.0.0.1", server.rtspPort());
                s.setSoTimeout(60_000);
                sockets.add(s);
            }
            for (Socket s : sockets) {
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < perConnection; i++) {
                    b.append("DESCRIBE rtsp://127.0.0.1:").append(server.rtspPort()).append('/').append(camera)
                            .append(" RTSP/1.0\r\nCSeq: ").append(i + 1).append("\r\nAuthorization: Basic ")
                            .append(Base64.getEncoder().encodeToString(credentials.apply(i)
                                    .getBytes(StandardCharsets.UTF_8))).append("\r\n\r\n");
                }
                s.getOutputStream().write(b.toString().getBytes(StandardCharsets.UTF_8));
                s.getOutputStream().flush();
            }
            List<String> answers = new ArrayList<>();
            for (Socket s : sockets) {
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                        StandardCharsets.UTF_8));
                for (int i = 0; i < perConnection; i++) {
                    StringBuilder a = new StringBuilder();
                    for (String l = in.readLine(); l != null && !l.isEmpty(); l = in.readLine()) {
                        a.append(l).append('\n');
                    }
                    answers.add(a.toString());
                }
            }
            return answers;
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }
}
