package io.argus.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.client.Answer;
import io.argus.client.ArgusClient;
import io.argus.server.testing.TestNode;
import io.argus.testkit.Await;
import io.argus.testkit.tier.E2e;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Open RTSP readers and publishers, and RTMP publishers, end once the credential they were let in with no longer
 * allows them: their user disabled, its password reset, their API token revoked, the right to publish taken away.
 * They were authorized once, when they opened, and streamed on without end before (keep-alives are not
 * re-authorized); now the node re-checks them every second. A reader whose credential still holds reads on, and a
 * credential whose session was ended is not let in again on the credential cache. ffmpeg is the client: it ends
 * when the node closes its connection.
 */
@E2e
class RtspRevocationEndToEndTest {
    private static final String PASSWORD = "a-long-reader-passphrase";
    /** Bounds the waits only; the node ends a session within about a second of the change. */
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final TestNode node = TestNode.withCameras(1);

    @BeforeAll
    static void peers() {
        assumeTrue(RtmpIngestTest.installed("ffmpeg") && RtmpIngestTest.installed("ffprobe"), "ffmpeg not installed");
    }

    @Test
    void readersEndWhenTheirCredentialIsRevokedAndAReaderWhoseCredentialHoldsReadsOn() throws Exception {
        User disabled = user("viewer");
        User reset = user("viewer");
        User kept = user("viewer");
        User tokenUser = user("viewer");
        Answer t = ArgusClient.local(node.server().httpPort()).login(tokenUser.name(), PASSWORD)
                .post("/api/v1/me/tokens", "{\"name\":\"wall\",\"scopes\":[\"view-live\"]}");
        assertThat(t.status()).as(t.body()).isEqualTo(201);
        String token = t.json().get("token").asText();

        int before = readers();
        Process keptReader = read(kept.name() + ":" + PASSWORD);
        Process disabledReader = read(disabled.name() + ":" + PASSWORD);
        Process resetReader = read(reset.name() + ":" + PASSWORD);
        Process tokenReader = read("token:" + token);
        long revoked = node.server().rtsp().sessionsRevoked();
        try {
            Await.until(WAIT, () -> readers() == before + 4, () -> "4 RTSP readers, " + readers() + " now");

            long at = System.nanoTime();
            patch(disabled, "{\"disabled\":true}");
            awaitEnd(disabledReader, at, "the reader of a disabled user");
            at = System.nanoTime();
            patch(reset, "{\"password\":\"another-long-passphrase\"}");
            awaitEnd(resetReader, at, "the reader of a user whose password was reset");
            ArgusClient owner = ArgusClient.local(node.server().httpPort()).login(tokenUser.name(), PASSWORD);
            at = System.nanoTime();
            assertThat(owner.delete("/api/v1/me/tokens/" + t.json().get("id").asText()).status()).isEqualTo(204);
            awaitEnd(tokenReader, at, "the reader of a revoked token");

            assertThat(keptReader.isAlive()).as("a reader whose credential still holds").isTrue();
            assertThat(readers()).isEqualTo(before + 1);
            assertThat(node.server().rtsp().sessionsRevoked() - revoked).isEqualTo(3);
            assertThat(RtmpIngestTest.runFailing(probe(reset.name() + ":" + PASSWORD)))
                    .as("the old password, not let in again from the credential cache").contains("401");
            Await.until(WAIT, () -> !revocations(disabled).isEmpty(), () -> "an audit row");
            assertThat(revocations(disabled)).singleElement().satisfies(row ->
                    assertThat(row.path("details").path("camera").asText()).isEqualTo(node.camera(0)));
        } finally {
            for (Process p : List.of(keptReader, disabledReader, resetReader, tokenReader)) {
                RtmpIngestTest.stop(p);
            }
        }
    }

    @Test
    void anRtspPublisherEndsWhenItsRightToPublishIsTakenAway() throws Exception {
        User publisher = user("tenant-admin");
        String url = "rtsp://" + publisher.name() + ":" + PASSWORD + "@127.0.0.1:" + node.server().rtspPort()
                + "/rtsp-revoked";
        // Encoded as it goes: ffmpeg 5.1 cannot loop a raw .h264 input (it ends after one pass, 4 s of the sample).
        Process ffmpeg = RtmpIngestTest.start(List.of("ffmpeg", "-v", "error", "-nostdin", "-re", "-f", "lavfi", "-i",
                "testsrc2=size=320x180:rate=25", "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency",
                "-g", "25", "-pix_fmt", "yuv420p", "-f", "rtsp", "-rtsp_transport", "tcp", url));
        try {
            awaitLive("rtsp-revoked");
            long at = System.nanoTime();
            patch(publisher, "{\"roles\":[\"viewer\"]}");
            awaitEnd(ffmpeg, at, "the RTSP publish of a user that may no longer manage cameras");
        } finally {
            RtmpIngestTest.stop(ffmpeg);
        }
    }

    @Test
    void anRtmpPublisherEndsWhenItsUserIsDisabled() throws Exception {
        User publisher = user("tenant-admin");
        long revoked = node.server().rtmp().orElseThrow().publishesRevoked();
        Process ffmpeg = RtmpIngestTest.start(RtmpIngestTest.publish(true, "rtmp://127.0.0.1:"
                + node.server().rtmpPort() + "/rtmp-revoked?user=" + publisher.name() + "&pass=" + PASSWORD));
        try {
            awaitLive("rtmp-revoked");
            long at = System.nanoTime();
            patch(publisher, "{\"disabled\":true}");
            awaitEnd(ffmpeg, at, "the RTMP publish of a disabled user");
            assertThat(ffmpeg.exitValue()).as("ffmpeg's publish failed").isNotZero();
            assertThat(node.server().rtmp().orElseThrow().publishesRevoked() - revoked).isEqualTo(1);
        } finally {
            RtmpIngestTest.stop(ffmpeg);
        }
    }

    private record User(String id, String name) {
    }

    /** A new user with {@code role} and {@link #PASSWORD}. */
    private static User user(String role) {
        String name = "u-" + UUID.randomUUID().toString().substring(0, 8);
        Answer u = node.api().post("/api/v1/users", "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD
                + "\",\"roles\":[\"" + role + "\"]}");
        assertThat(u.status()).as(u.body()).isEqualTo(201);
        return new User(u.json().get("id").asText(), name);
    }

    private static void patch(User user, String change) {
        Answer a = node.api().patch("/api/v1/users/" + user.id(), change);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
    }

    private static String rtsp(String credentials) {
        return "rtsp://" + credentials + "@127.0.0.1:" + node.server().rtspPort() + "/" + node.camera(0);
    }

    /** ffmpeg reading the camera over RTSP (interleaved) until the node ends its session. */
    private static Process read(String credentials) throws Exception {
        return RtmpIngestTest.start(List.of("ffmpeg", "-v", "error", "-nostdin", "-rtsp_transport", "tcp", "-i",
                rtsp(credentials), "-c", "copy", "-f", "null", "-"));
    }

    private static List<String> probe(String credentials) {
        return List.of("ffprobe", "-v", "error", "-rtsp_transport", "tcp", rtsp(credentials));
    }

    private static int readers() {
        return node.server().paths().get(node.camera(0)).orElseThrow().stream().readerCount();
    }

    /** Waits for {@code p} to end, and prints how long after {@code sinceNanos} it did. */
    private static void awaitEnd(Process p, long sinceNanos, String what) {
        Await.until(WAIT, () -> !p.isAlive(), () -> what + " still runs");
        System.out.printf("%s: ended %d ms after the change%n", what, (System.nanoTime() - sinceNanos) / 1_000_000);
    }

    private static void awaitLive(String name) {
        Await.until(WAIT, () -> {
            for (JsonNode c : node.api().get("/api/v1/cameras").json()) {
                if (c.path("name").asText().equals(name)) {
                    return "live".equals(node.api().get("/api/v1/cameras/" + c.path("id").asText()).json()
                            .path("status").path("state").asText());
                }
            }
            return false;
        }, () -> name + " live");
    }

    /** The audit rows of sessions of {@code user} ended because their access was revoked. */
    private static List<JsonNode> revocations(User user) {
        JsonNode rows = node.api().get("/api/v1/audit?action=auth.login&user=" + user.name()).json().path("entries");
        return StreamSupport.stream(rows.spliterator(), false)
                .filter(r -> r.path("details").path("reason").asText().endsWith("access revoked")).toList();
    }
}
