package io.argus.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.argus.media.codec.Codec;
import io.argus.server.testing.TestNode;
import io.argus.testkit.Await;
import io.argus.testkit.Ffprobe;
import io.argus.testkit.tier.E2e;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two simulated 1080p H.265 cameras and renditions of them (issue 17): one shared transcode per camera and
 * rendition, 640x360 H.264 out for {@code 360p}, stopped after its last viewer, and a full node refusing another
 * with a reason while the running one keeps playing.
 */
@E2e
class TranscodeEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final TestNode NODE = TestNode.withCameras(2).codec(Codec.H265, 25).set("transcode.maxJobs", "1")
            .set("transcode.linger", "1s");
    static LiveFixture f;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        f = new LiveFixture(NODE);
    }

    @BeforeEach
    void noTranscodeRuns() {
        Await.until(Duration.ofSeconds(20), () -> transcodes().isEmpty(), () -> "no transcode runs: " + transcodes());
    }

    private static List<JsonNode> transcodes() {
        JsonNode list = f.api.get("/api/v1/transcodes").json();
        return list.valueStream().toList();
    }

    private static String wsUrl(String camera, String query) {
        return "ws://127.0.0.1:" + f.server.httpPort() + "/api/v1/cameras/" + camera + "/live.ws" + query;
    }

    @Test
    void twoViewersShareOne360pTranscodeThatStopsAfterTheLastAndAFullNodeRefusesAnother() throws Exception {
        LiveWsClient a = new LiveWsClient(f.http, wsUrl(f.camera, "?rendition=360p"), f.api.token());
        LiveWsClient b = new LiveWsClient(f.http, wsUrl(f.camera, "?rendition=360p"), f.api.token());
        try {
            List<LiveWsClient.Message> first = a.await(12, Duration.ofSeconds(60));
            JsonNode header = JSON.readTree(a.header.get(5, TimeUnit.SECONDS));
            assertThat(header.path("codecs").asText()).startsWith("avc1.");
            b.await(2, Duration.ofSeconds(30));
            Await.until(Duration.ofSeconds(10), () -> transcodes().size() == 1
                    && transcodes().getFirst().path("viewers").asInt() == 2, () -> "one job, two viewers: "
                    + transcodes());
            JsonNode job = transcodes().getFirst();
            assertThat(job.path("camera").asText()).isEqualTo(f.camera);
            assertThat(job.path("rendition").asText()).isEqualTo("360p");
            assertThat(job.path("size").asText()).isEqualTo("640x360");
            assertThat(f.api.get("/metrics").body()).contains("argus_transcode_jobs 1.0");

            ByteArrayOutputStream mp4 = new ByteArrayOutputStream();
            first.forEach(m -> mp4.writeBytes(m.bytes()));
            Path file = dir.resolve("360p.mp4");
            Files.write(file, mp4.toByteArray());
            Ffprobe.Probe p = Ffprobe.probeStream(file, "v:0");
            assertThat(p.stream()).containsEntry("codec_name", "h264").containsEntry("width", "640")
                    .containsEntry("height", "360");
            assertThat(Ffprobe.decodeErrors(file)).isEmpty();

            // The node is full: another camera's rendition is refused with the reason, over HTTP and WebSocket.
            HttpResponse<byte[]> refused = f.get("/api/v1/cameras/" + NODE.camera(1) + "/live.m3u8?rendition=360p",
                    true);
            assertThat(refused.statusCode()).isEqualTo(503);
            JsonNode error = JSON.readTree(refused.body());
            assertThat(error.path("error").asText()).isEqualTo("transcode_full");
            assertThat(error.path("message").asText()).contains("maximum of 1 transcodes");
            assertThatThrownBy(() -> new LiveWsClient(f.http, wsUrl(NODE.camera(1), "?rendition=720p"),
                    f.api.token())).isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(WebSocketHandshakeException.class);
            assertThat(((WebSocketHandshakeException) catchCause(() -> new LiveWsClient(f.http,
                    wsUrl(NODE.camera(1), "?rendition=720p"), f.api.token()))).getResponse().statusCode())
                    .isEqualTo(503);
            // … and the running transcode's viewers keep playing.
            int before = a.received();
            a.await(before + 25, Duration.ofSeconds(30));
            System.out.println("1080p25 H.265 -> 360p job after a second of two viewers: " + transcodes().getFirst());
            assertThat(a.closed).isNotDone();
            // The camera's own stream is not a transcode: served as before.
            assertThat(f.get("/api/v1/cameras/" + NODE.camera(1) + "/live.m3u8", true).statusCode()).isEqualTo(200);
            a.abort();
            Await.until(Duration.ofSeconds(10), () -> transcodes().getFirst().path("viewers").asInt() == 1,
                    () -> "one viewer left: " + transcodes());
        } finally {
            a.abort();
            b.abort();
        }
        Await.until(Duration.ofSeconds(20), () -> transcodes().isEmpty(), () -> "stopped after the last viewer: "
                + transcodes());
        assertThat(f.api.get("/metrics").body()).contains("argus_transcode_jobs 0.0")
                .contains("argus_transcode_refused_total 3.0");
    }

    @Test
    void aRenditionPlaylistCarriesItsRenditionAndPlaysAs720pH264() throws Exception {
        HttpResponse<byte[]> r = f.get(f.cameraPath("live.m3u8?rendition=720p"), true);
        String text = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(r.statusCode()).as(text).isEqualTo(200);
        assertThat(text).contains("init.mp4?rendition=720p").contains(".m4s?rendition=720p");
        java.util.regex.Matcher part = java.util.regex.Pattern.compile("media/live/(part\\d+\\.m4s)\\?rendition=720p")
                .matcher(text);
        assertThat(part.find()).as(text).isTrue();
        ByteArrayOutputStream mp4 = new ByteArrayOutputStream();
        mp4.writeBytes(f.get(f.cameraPath("media/live/init.mp4?rendition=720p"), true).body());
        HttpResponse<byte[]> first = f.get(f.cameraPath("media/live/" + part.group(1) + "?rendition=720p"), true);
        assertThat(first.statusCode()).isEqualTo(200);
        mp4.writeBytes(first.body());
        Path file = dir.resolve("720p.mp4");
        Files.write(file, mp4.toByteArray());
        assertThat(Ffprobe.probeStream(file, "v:0").stream()).containsEntry("codec_name", "h264")
                .containsEntry("width", "1280").containsEntry("height", "720");
        assertThat(Ffprobe.decodeErrors(file)).isEmpty();

        // A signed URL: the rendition rides along with the signature on every URI, and opens nothing more than the
        // URL did (the signature is scoped to its camera, whatever the query says).
        String live = f.api.post("/api/v1/cameras/" + f.camera + "/media-urls", "").json().path("live").asText();
        HttpResponse<byte[]> signed = f.get(live + "&rendition=720p", false);
        String signedText = new String(signed.body(), StandardCharsets.UTF_8);
        assertThat(signed.statusCode()).as(signedText).isEqualTo(200);
        assertThat(signedText).containsPattern("init\\.mp4\\?sig=[^&\\s]+&rendition=720p");
        String sig = live.substring(live.indexOf("?"));
        assertThat(f.get("/api/v1/cameras/" + NODE.camera(1) + "/live.m3u8" + sig + "&rendition=720p", false)
                .statusCode()).isEqualTo(403);
    }

    @Test
    void aBadRenditionIsRefusedBeforeAnythingStarts() throws Exception {
        HttpResponse<byte[]> r = f.get(f.cameraPath("live.m3u8?rendition=4k"), true);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("rendition must be h264, 720p or 360p");
        assertThat(f.get(f.cameraPath("live.m3u8?rendition=360p&width=100000"), true).statusCode()).isEqualTo(400);
        assertThat(f.get(f.cameraPath("live.m3u8?rendition=360p&bitrate=5"), true).statusCode()).isEqualTo(400);
        assertThat(transcodes()).isEmpty();
    }

    private static Throwable catchCause(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        try {
            call.call();
        } catch (Throwable t) {
            return t.getCause();
        }
        throw new AssertionError("no exception");
    }
}
