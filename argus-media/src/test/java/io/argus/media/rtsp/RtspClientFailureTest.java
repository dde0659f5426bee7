package io.argus.media.rtsp;

import io.argus.testkit.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.argus.media.path.SourceAttempt;
import io.argus.media.path.SourceConfig;
import io.argus.media.path.SourceCounters;
import io.argus.media.path.Transport;
import io.argus.media.rtsp.client.RtspClient;
import io.argus.media.rtsp.client.RtspClientConfig;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every way a camera can fail ends the attempt with a reason in words; nothing escapes the pipeline. */
class RtspClientFailureTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String MJPEG_SDP = "v=0\r\ns=cam\r\nt=0 0\r\nm=video 0 RTP/AVP 26\r\na=control:track1\r\n";

    final RtspClient client = new RtspClient(RtspClientConfig.DEFAULT, 1);
    final SourceCounters counters = new SourceCounters();

    @AfterEach
    void stop() {
        client.close();
    }

    String endReason(String url, Transport transport) {
        RecordingListener listener = new RecordingListener();
        SourceAttempt attempt = client.connect(new SourceConfig(URI.create(url), null, null, transport), listener,
                counters);
        Await.until(WAIT, () -> listener.endReason != null, () -> "the attempt to end");
        attempt.close();
        return listener.endReason;
    }

    @Test
    void connectionRefused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertThat(endReason("rtsp://127.0.0.1:" + port + "/x", Transport.TCP)).isEqualTo("connection refused");
    }

    @Test
    void onlyUnsupportedTracks() throws Exception {
        try (ScriptedRtspServer cam = new ScriptedRtspServer((r, n) -> switch (r.method()) {
            case "DESCRIBE" -> ScriptedRtspServer.response(r, "200 OK", "Content-Type: application/sdp\r\n", MJPEG_SDP);
            default -> ScriptedRtspServer.response(r, "200 OK", "", "");
        })) {
            assertThat(endReason(cam.url("/mjpeg"), Transport.TCP))
                    .isEqualTo("camera offered no supported track (codecs: MJPEG)");
        }
    }

    @Test
    void garbageResponse() throws Exception {
        try (ScriptedRtspServer cam = new ScriptedRtspServer((r, n) -> "\u0016\u0003\u0001garbage\r\n\r\n")) {
            assertThat(endReason(cam.url("/x"), Transport.TCP)).startsWith("server broke the RTSP protocol");
        }
    }

    @Test
    void unusableSdp() throws Exception {
        try (ScriptedRtspServer cam = new ScriptedRtspServer((r, n) -> r.method().equals("DESCRIBE")
                ? ScriptedRtspServer.response(r, "200 OK", "", "<html>login</html>")
                : ScriptedRtspServer.response(r, "200 OK", "", ""))) {
            assertThat(endReason(cam.url("/x"), Transport.TCP))
                    .startsWith("camera sent an unusable session description");
        }
    }

    @Test
    void serverClosesTheConnection() throws Exception {
        try (ScriptedRtspServer cam = new ScriptedRtspServer((r, n) -> r.method().equals("OPTIONS")
                ? ScriptedRtspServer.response(r, "200 OK", "", "") : null)) {
            assertThat(endReason(cam.url("/x"), Transport.TCP)).isEqualTo("server closed the connection");
        }
    }

    @Test
    void describeNotFound() throws Exception {
        try (ScriptedRtspServer cam = new ScriptedRtspServer((r, n) -> r.method().equals("DESCRIBE")
                ? ScriptedRtspServer.response(r, "404 Not Found", "", "")
                : ScriptedRtspServer.response(r, "200 OK", "", ""))) {
            assertThat(endReason(cam.url("/x"), Transport.TCP)).isEqualTo("DESCRIBE refused: 404 Not Found");
        }
    }

    @Test
    void basicAuthRetriedOnceThenWrongCredentials() throws Exception {
        try (ScriptedRtspServer cam = new ScriptedRtspServer((r, n) -> r.headers().containsKey("authorization")
                && r.method().equals("OPTIONS") ? ScriptedRtspServer.response(r, "200 OK", "", "")
                : ScriptedRtspServer.response(r, "401 Unauthorized", "WWW-Authenticate: Basic realm=\"cam\"\r\n",
                ""))) {
            assertThat(endReason("rtsp://admin:bad%40pw@127.0.0.1:" + cam.port() + "/x", Transport.TCP))
                    .isEqualTo("401 Unauthorized: wrong credentials");
            assertThat(cam.requests).extracting(ScriptedRtspServer.Request::method)
                    .containsExactly("OPTIONS", "OPTIONS", "DESCRIBE", "DESCRIBE");
            assertThat(cam.requests.get(1).headers().get("authorization"))
                    .isEqualTo(RtspDigest.basic("admin", "bad@pw"));
            assertThat(cam.requests.get(0).uri()).doesNotContain("admin");
        }
    }

    @Test
    void credentialsRequired() throws Exception {
        try (ScriptedRtspServer cam = new ScriptedRtspServer((r, n) -> ScriptedRtspServer.response(r,
                "401 Unauthorized", "WWW-Authenticate: Digest realm=\"cam\", nonce=\"abc\"\r\n", ""))) {
            assertThat(endReason(cam.url("/x"), Transport.TCP))
                    .isEqualTo("401 Unauthorized: the camera needs credentials");
        }
    }

    @Test
    void tooManyRedirects() throws Exception {
        int[] port = new int[1];
        try (ScriptedRtspServer cam = new ScriptedRtspServer((r, n) -> ScriptedRtspServer.response(r,
                "302 Found", "Location: rtsp://127.0.0.1:" + port[0] + "/again\r\n", ""))) {
            port[0] = cam.port();
            assertThat(endReason(cam.url("/x"), Transport.TCP)).isEqualTo("more than 3 redirects");
            assertThat(cam.requests).hasSize(4);
        }
    }
}
