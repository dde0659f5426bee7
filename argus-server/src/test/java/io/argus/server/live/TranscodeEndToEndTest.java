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

    /**
     * Issue 17: a rendition was measured running the camera's uptime behind the camera's own stream. Over two
     * sockets of the same camera, its own stream and its 360p rendition, every transcoded picture must carry the
     * presentation time of a picture of the camera's (the same frame, the same 90 kHz clock), and a viewer joining
     * the running transcode must start at a keyframe of the camera's, its latest one when it joined. Timestamps
     * are compared, not wall times; arrival times are only reported (the latency the transcode adds).
     */
    @Test
    void aRenditionKeepsTheCamerasTimestampsAndAViewerJoiningItStartsAtTheCamerasLatestKeyframe() throws Exception {
        LiveWsClient camera = new LiveWsClient(f.http, wsUrl(f.camera, ""), f.api.token());
        LiveWsClient rendition = null;
        LiveWsClient joining = null;
        try {
            camera.await(2, Duration.ofSeconds(60));
            rendition = new LiveWsClient(f.http, wsUrl(f.camera, "?rendition=360p"), f.api.token());
            rendition.await(51, Duration.ofSeconds(120));
            LivePictures before = LivePictures.of(rendition.messages());
            joining = new LiveWsClient(f.http, wsUrl(f.camera, "?rendition=360p"), f.api.token());
            LivePictures joined = LivePictures.of(joining.await(2, Duration.ofSeconds(60)));
            LivePictures tx = LivePictures.of(rendition.messages());
            LiveWsClient cam = camera;
            Await.until(Duration.ofSeconds(60), () -> LivePictures.of(cam.messages())
                    .lastPts() >= tx.lastPts(), () -> "the camera's socket reaches the rendition's last picture");
            LivePictures own = LivePictures.of(camera.messages());

            assertThat(tx.timescale()).isEqualTo(own.timescale());
            java.util.Map<Long, LivePictures.Picture> byPts = new java.util.HashMap<>();
            own.pictures().forEach(p -> byPts.put(p.pts(), p));
            long[] delays = new long[tx.pictures().size()];
            int matched = 0;
            for (LivePictures.Picture p : tx.pictures()) {
                LivePictures.Picture same = byPts.get(p.pts());
                if (p.pts() >= own.pictures().getFirst().pts()) {
                    assertThat(same).as("the rendition's picture at pts %d (%.3f s) is a picture of the camera's,"
                            + " whose first is at %.3f s", p.pts(), p.pts() / (double) tx.timescale(),
                            own.pictures().getFirst().pts() / (double) own.timescale()).isNotNull();
                    assertThat(p.keyframe()).as("keyframe at pts %d as the camera's", p.pts())
                            .isEqualTo(same.keyframe());
                    delays[matched++] = p.arrivalNanos() - same.arrivalNanos();
                }
            }
            assertThat(matched).as("pictures of the rendition also received from the camera").isGreaterThan(25);
            // The steady state: the first pictures are the camera's cached GOP, which the transcode catches up on.
            long[] sorted = java.util.Arrays.copyOfRange(delays, matched / 2, matched);
            java.util.Arrays.sort(sorted);
            LivePictures.Picture first = joined.pictures().getFirst();
            long latestKeyBeforeJoin = own.pictures().stream().filter(p -> p.keyframe() && p.pts() <= before.lastPts())
                    .mapToLong(LivePictures.Picture::pts).max().orElseThrow();
            System.out.printf("rendition timeline: camera's first picture %.3f s, the rendition's first %.3f s; %d"
                    + " pictures with the camera's pts, the later half arriving %.1f ms (median) after the camera's own; a viewer"
                    + " joining at rendition pts %.3f s started at %.3f s, the camera's latest keyframe then %.3f s%n",
                    own.pictures().getFirst().pts() / 90_000.0, tx.pictures().getFirst().pts() / 90_000.0, matched,
                    sorted[sorted.length / 2] / 1e6, before.lastPts() / 90_000.0, first.pts() / 90_000.0,
                    latestKeyBeforeJoin / 90_000.0);
            assertThat(first.keyframe()).as("the joining viewer starts at a keyframe").isTrue();
            assertThat(byPts.get(first.pts())).as("… one of the camera's").isNotNull()
                    .matches(LivePictures.Picture::keyframe);
            assertThat(first.pts()).as("… its latest when the viewer joined").isGreaterThanOrEqualTo(
                    latestKeyBeforeJoin);
        } finally {
            camera.abort();
            if (rendition != null) {
                rendition.abort();
            }
            if (joining != null) {
                joining.abort();
            }
        }
    }

    /**
     * The same over LL-HLS: a complete segment of the camera's playlist and one of its 360p rendition's map their
     * PROGRAM-DATE-TIME to their first picture's presentation time alike (the camera's arrival time of that picture
     * minus its pts), where a rendition restarting its clock would be off by the camera's uptime. The two muxers
     * anchor at different keyframes, so their arrival jitter is allowed (a second, where the simulated camera's
     * uptime is several).
     */
    @Test
    void aRenditionPlaylistDatesItsPicturesAsTheCamerasPlaylistDoes() throws Exception {
        double own = pdtMinusPts("");
        double tx = pdtMinusPts("?rendition=360p");
        System.out.printf("LL-HLS PROGRAM-DATE-TIME minus pts: camera %.3f s, 360p rendition %.3f s (%+.3f s)%n",
                own, tx, tx - own);
        assertThat(tx).isCloseTo(own, org.assertj.core.data.Offset.offset(1.0));
        // What a colleague measuring with ffprobe sees: the first video packets' pts of each playlist, in seconds
        // (each from its own playlist's window, so they differ by where the windows start, not by the uptime).
        System.out.printf("ffprobe of live.m3u8, first video pts: 360p rendition %s, camera %s%n",
                ffprobePts("?rendition=360p"), ffprobePts(""));
    }

    /** ffprobe's first three video packets' pts_time; retried, as a rendition's job may have lingered out. */
    private static List<String> ffprobePts(String query) {
        List<List<String>> pts = new java.util.ArrayList<>(List.of(List.of()));
        Await.until(Duration.ofSeconds(120), Duration.ofMillis(500), () -> {
            pts.set(0, Ffprobe.ffprobe("-headers", "Authorization: Bearer " + f.api.token() + "\r\n",
                    "-select_streams", "v:0", "-read_intervals", "%+#3", "-show_entries", "packet=pts_time",
                    "-of", "csv=p=0", f.base() + f.cameraPath("live.m3u8" + query)).lines());
            return !pts.getFirst().isEmpty();
        }, "ffprobe reads live.m3u8" + query);
        return pts.getFirst();
    }

    /** Seconds: the first complete segment's PROGRAM-DATE-TIME minus its first picture's pts. */
    private double pdtMinusPts(String query) throws Exception {
        String[] lines = new String[1];
        Await.until(Duration.ofSeconds(120), Duration.ofMillis(200), () -> {
            try {
                HttpResponse<byte[]> r = f.get(f.cameraPath("live.m3u8" + query), true);
                lines[0] = new String(r.body(), StandardCharsets.UTF_8);
                return r.statusCode() == 200 && lines[0].contains("#EXTINF");
            } catch (Exception e) {
                throw new AssertionError("live.m3u8" + query, e);
            }
        }, "a complete segment in live.m3u8" + query);
        java.time.Instant pdt = null;
        String uri = null;
        List<String> playlist = lines[0].lines().toList();
        for (int i = 0; i < playlist.size() && uri == null; i++) {
            String line = playlist.get(i);
            if (line.startsWith("#EXT-X-PROGRAM-DATE-TIME:")) {
                pdt = java.time.Instant.parse(line.substring(line.indexOf(':') + 1));
            } else if (line.startsWith("#EXTINF")) {
                uri = playlist.get(i + 1);
            }
        }
        assertThat(pdt).as(lines[0]).isNotNull();
        byte[] init = f.get(f.cameraPath("media/live/init.mp4" + query), true).body();
        HttpResponse<byte[]> segment = f.get(f.cameraPath(uri), true);
        assertThat(segment.statusCode()).as(uri).isEqualTo(200);
        LivePictures p = LivePictures.of(init, segment.body());
        return pdt.getEpochSecond() + pdt.getNano() / 1e9 - p.pictures().getFirst().pts() / (double) p.timescale();
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
