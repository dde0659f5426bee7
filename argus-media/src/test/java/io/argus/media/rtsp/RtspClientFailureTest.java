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
        return endReason(client, new SourceConfig(URI.create(url), null, null, transport));
    }

    String endReason(RtspClient c, SourceConfig source) {
        RecordingListener listener = new RecordingListener();
        SourceAttempt attempt = c.connect(source, listener, counters);
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
            assertThat(endReason(cam.url("/x"), Transport.TCP))
                    .isEqualTo("not an RTSP server, or one that broke the protocol");
        }
    }

    /**
     * A URL pointed at another service (here an HTTP server's answer to an RTSP request) says only that it is not
     * RTSP: the peer's bytes never reach the reason, or the connection test would read internal services.
     */
    @Test
    void anotherServicesAnswerIsNotEchoed() throws Exception {
        try (ScriptedRtspServer http = new ScriptedRtspServer((r, n) -> "HTTP/1.1 505 HTTP Version Not Supported\r\n"
                + "X-Internal-Secret: s3cr3t\r\n\r\n")) {
            assertThat(endReason(http.url("/x"), Transport.TCP))
                    .isEqualTo("not an RTSP server, or one that broke the protocol");
        }
        try (ScriptedRtspServer odd = new ScriptedRtspServer((r, n) -> r.method().equals("DESCRIBE")
                ? ScriptedRtspServer.response(r, "404 internal path /var/secret is missing", "", "")
                : ScriptedRtspServer.response(r, "200 OK", "", ""))) {
            assertThat(endReason(odd.url("/x"), Transport.TCP)).isEqualTo("DESCRIBE refused: 404 Not Found");
        }
        try (ScriptedRtspServer sdp = new ScriptedRtspServer((r, n) -> r.method().equals("DESCRIBE")
                ? ScriptedRtspServer.response(r, "200 OK", "", "v=0\r\ns=cam\r\nt=0 0\r\n"
                + "m=video 0 RTP/AVP 96\r\na=rtpmap:96 root:x:0:0/90000\r\na=control:track1\r\n")
                : ScriptedRtspServer.response(r, "200 OK", "", ""))) {
            assertThat(endReason(sdp.url("/x"), Transport.TCP))
                    .isEqualTo("camera offered no supported track (codecs: unknown)");
        }
    }

    /**
     * A user name with CR LF is written into the Digest header as it is; the encoder refuses any line break in a
     * header, so it never reaches the camera as a header of its own, and the attempt ends saying why.
     */
    @Test
    void aLineBreakInTheUserNameIsNeverWritten() throws Exception {
        try (ScriptedRtspServer cam = new ScriptedRtspServer((r, n) -> ScriptedRtspServer.response(r,
                "401 Unauthorized", "WWW-Authenticate: Digest realm=\"cam\", nonce=\"abc\"\r\n", ""))) {
            String reason = endReason(client, new SourceConfig(URI.create(cam.url("/x")), "admin\r\nX-Injected: yes",
                    "pw", Transport.TCP));
            assertThat(reason).contains("line break");
            assertThat(cam.requests).extracting(ScriptedRtspServer.Request::method).containsExactly("OPTIONS");
            assertThat(cam.requests).noneMatch(r -> r.headers().containsKey("x-injected"));
        }
    }

    /** A camera that redirects to another host (or port) does not get its credentials sent there. */
    @Test
    void credentialsAreNotSentToTheHostOfARedirect() throws Exception {
        try (ScriptedRtspServer other = new ScriptedRtspServer((r, n) -> ScriptedRtspServer.response(r,
                "401 Unauthorized", "WWW-Authenticate: Basic realm=\"other\"\r\n", ""));
             ScriptedRtspServer cam = new ScriptedRtspServer((r, n) -> r.headers().containsKey("authorization")
                     ? ScriptedRtspServer.response(r, "302 Found", "Location: " + other.url("/y") + "\r\n", "")
                     : ScriptedRtspServer.response(r, "401 Unauthorized", "WWW-Authenticate: Basic realm=\"cam\"\r\n",
                     ""))) {
            String reason = endReason("rtsp://admin:pw@127.0.0.1:" + cam.port() + "/x", Transport.TCP);
            assertThat(cam.requests.get(1).headers()).containsKey("authorization");
            assertThat(other.requests).isNotEmpty().noneMatch(r -> r.headers().containsKey("authorization"));
            assertThat(reason).isEqualTo("401 Unauthorized: the camera's credentials are not sent to the other host "
                    + "it redirected to");
        }
    }

    /**
     * The address policy sees the resolved address before anything is sent: a host name that resolves to a refused
     * address is refused, and so is a redirect to one.
     */
    @Test
    void theAddressPolicyIsCheckedOnTheResolvedAddressOfEveryConnection() throws Exception {
        try (ScriptedRtspServer refused = new ScriptedRtspServer((r, n) -> ScriptedRtspServer.response(r, "200 OK",
                "", ""));
             ScriptedRtspServer redirecting = new ScriptedRtspServer((r, n) -> ScriptedRtspServer.response(r,
                     "302 Found", "Location: rtsp://localhost:" + refused.port() + "/y\r\n", ""))) {
            RtspClient guarded = new RtspClient(RtspClientConfig.DEFAULT.withAddresses(a ->
                    a.getAddress().isLoopbackAddress() && a.getPort() == refused.port() ? "refused by the test" : null),
                    1);
            try {
                assertThat(endReason(guarded, new SourceConfig(URI.create("rtsp://localhost:" + refused.port() + "/x"),
                        null, null, Transport.TCP))).isEqualTo("refused by the test");
                assertThat(endReason(guarded, new SourceConfig(URI.create(redirecting.url("/x")), null, null,
                        Transport.TCP))).isEqualTo("refused by the test");
            } finally {
                guarded.close();
            }
            assertThat(redirecting.requests).isNotEmpty();
            assertThat(refused.requests).isEmpty();
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
