package io.argus.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.client.ArgusClient;
import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.sei.CaptureTimeSei;
import io.argus.media.path.Backoff;
import io.argus.media.path.Path;
import io.argus.media.path.PathManager;
import io.argus.media.path.PathState;
import io.argus.media.path.SourceConfig;
import io.argus.media.path.Transport;
import io.argus.media.rtsp.client.RtspClient;
import io.argus.media.rtsp.client.RtspClientConfig;
import io.argus.media.stream.LatencyHistogram;
import io.argus.media.stream.StreamConsumer;
import io.argus.media.stream.WallClock;
import io.argus.server.ArgusServer;
import io.argus.server.testing.TestNode;
import io.argus.testkit.Await;
import io.argus.testkit.Ffprobe;
import io.argus.testkit.SampleMedia;
import io.argus.testkit.tier.E2e;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Simulator → server ingest (RTSP over TCP and over UDP) → RTSP re-stream → our client and ffprobe: every
 * frame arrives, in order, with the right timestamps, and the SEI capture times give the latency.
 */
@E2e
class IngestEndToEndTest {
    private static final int FPS = 25;
    private static final long FRAME_TICKS = 90_000 / FPS;

    @RegisterExtension
    static final TestNode node = TestNode.withSimulator(2).udp();
    static ArgusServer server;
    static ArgusClient api;
    /** A viewer's: readers of the RTSP server must authenticate, and view-live is what they need. */
    static final String VIEWER_PASSWORD = "a-long-viewer-secret";

    @BeforeAll
    static void start() {
        server = node.server();
        api = node.api();
        assertThat(api.post("/api/v1/users", "{\"username\":\"watcher\",\"password\":\"" + VIEWER_PASSWORD
                + "\",\"roles\":[\"viewer\"]}").status()).isEqualTo(201);
        node.addCamera("{\"name\":\"tcp-cam\",\"url\":\"" + node.url(0) + "\",\"transport\":\"tcp\"}");
        node.addCamera("{\"name\":\"udp-cam\",\"url\":\"" + node.url(1) + "\",\"transport\":\"udp\"}");
        await(() -> liveCameras() == 2, "both cameras live");
    }

    private static int liveCameras() {
        int live = 0;
        for (JsonNode c : api.get("/api/v1/cameras").json()) {
            live += c.path("name").asText().endsWith("-cam") && "live".equals(c.path("status").path("state").asText())
                    ? 1 : 0;
        }
        return live;
    }

    @Test
    void cameraStatusDescribesTheStream() {
        int seen = 0;
        for (JsonNode c : api.get("/api/v1/cameras").json()) {
            if (!c.path("name").asText().endsWith("-cam")) {
                continue;
            }
            seen++;
            JsonNode s = c.path("status");
            assertThat(s.path("codec").asText()).isEqualTo("H264");
            assertThat(s.path("width").asInt()).isEqualTo(1920);
            assertThat(s.path("height").asInt()).isEqualTo(1080);
            assertThat(s.path("profile").asText()).isEqualTo("High");
            assertThat(s.path("frames").asLong()).isPositive();
            assertThat(s.path("bytes").asLong()).isPositive();
        }
        assertThat(seen).isEqualTo(2);
    }

    @Test
    void everyFrameIsReStreamedInOrderWithItsTimestamps() throws Exception {
        for (String camera : List.of("tcp-cam", "udp-cam")) {
            List<long[]> frames = readWithOurClient(camera, 75);
            LatencyHistogram latency = new LatencyHistogram();
            for (int i = 1; i < frames.size(); i++) {
                long[] prev = frames.get(i - 1);
                long[] cur = frames.get(i);
                assertThat(cur[0] - prev[0]).as("%s: pts step at frame %d", camera, i).isEqualTo(FRAME_TICKS);
                assertThat(cur[1]).as("%s: capture time increases at frame %d", camera, i).isGreaterThan(prev[1]);
                latency.recordMicros(cur[2] - cur[1]);
            }
            // The reader starts on the cached GOP, so the first frames are older; live ones follow.
            long liveP50 = latency.percentileMicros(0.5);
            System.out.printf("%s: %d frames in order; glass-to-glass latency sim → server → reader "
                    + "p50 %.2f ms, p99 %.2f ms%n", camera, frames.size(), liveP50 / 1000.0,
                    latency.percentileMicros(0.99) / 1000.0);
            assertThat(liveP50).isPositive();
        }
        JsonNode stats = api.get("/api/v1/node/stats").json().path("ingestLatency");
        assertThat(stats.path("count").asLong()).isPositive();
        assertThat(stats.path("p50Micros").asLong()).isPositive();
        for (JsonNode c : api.get("/api/v1/cameras").json()) {
            if (c.path("name").asText().endsWith("-cam")) {
                assertThat(c.path("status").path("packetsLost").asLong()).as(c.toString()).isZero();
                assertThat(c.path("status").path("framesDropped").asLong()).as(c.toString()).isZero();
            }
        }
    }

    /**
     * Reads {@code n} video frames of the re-stream (with the API token as the RTSP password): [pts, capture µs,
     * arrival µs] each.
     */
    private static List<long[]> readWithOurClient(String camera, int n) throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        ConcurrentLinkedQueue<long[]> got = new ConcurrentLinkedQueue<>();
        try (RtspClient client = new RtspClient(RtspClientConfig.DEFAULT, 1);
             PathManager readers = new PathManager(List.of(client), scheduler, Backoff.DEFAULT)) {
            Path p = readers.add("reader", "reader", new SourceConfig(
                    URI.create("rtsp://127.0.0.1:" + server.rtspPort() + "/" + camera), "token", api.token(),
                    Transport.TCP),
                    true);
            p.onStream(s -> s.attach(new StreamConsumer() {
                @Override
                public void onAccessUnit(AccessUnit au) {
                    if (au.codec().isVideo()) {
                        got.add(new long[] {au.pts(), CaptureTimeSei.read(au), WallClock.micros()});
                    }
                    au.release();
                }
            }, Runnable::run, 256));
            await(() -> got.size() >= n, n + " frames of " + camera);
            assertThat(p.state()).isEqualTo(PathState.LIVE);
        } finally {
            scheduler.shutdownNow();
        }
        return new ArrayList<>(got).subList(0, n);
    }

    @Test
    void ffprobeReadsTheReStreamFrameByFrame() throws Exception {
        Ffprobe.assumeInstalled();
        List<String> lines = Ffprobe.ffprobe("-rtsp_transport", "tcp", "-select_streams", "v", "-show_entries",
                "frame=pts", "-of", "default=nw=1", "-read_intervals", "%+#61",
                "rtsp://watcher:" + VIEWER_PASSWORD + "@127.0.0.1:" + server.rtspPort() + "/udp-cam").lines();
        List<Long> pts = lines.stream().filter(l -> l.matches("pts=\\d+"))
                .map(l -> Long.parseLong(l.substring(4))).toList();
        // ffprobe reports the first frame's pts as N/A until RTCP lets it place the stream on a timeline.
        assertThat(pts).as("ffprobe frames: %s", lines).hasSizeGreaterThanOrEqualTo(60);
        for (int i = 1; i < pts.size(); i++) {
            assertThat(pts.get(i) - pts.get(i - 1)).as("ffprobe pts step at %d", i).isEqualTo(FRAME_TICKS);
        }
    }

    @Test
    void ffmpegPublishingToAPathCreatesAndFeedsACamera() throws Exception {
        // 150 frames, 6 s: past the end of the 4 s sample, so the publisher must loop it like a camera.
        publishAndReadBack(api, "admin:" + TestNode.PASSWORD, 150);
    }

    /** Camera names are per tenant: the same path pushed in another tenant is another camera, of that tenant. */
    @Test
    void aPublisherOfAnotherTenantFeedsACameraOfItsOwnTenant() throws Exception {
        assertThat(api.post("/api/v1/tenants", "{\"name\":\"acme\",\"adminUsername\":\"boss\",\"adminPassword\":"
                + "\"" + VIEWER_PASSWORD + "\"}").status()).isEqualTo(201);
        ArgusClient acme = node.anonymous();
        acme = acme.withToken(acme.post("/api/v1/auth/login", "{\"tenant\":\"acme\",\"username\":\"boss\","
                + "\"password\":\"" + VIEWER_PASSWORD + "\"}").json().get("token").asText());
        String id = publishAndReadBack(acme, "token:" + acme.token(), 25);
        assertThat(api.get("/api/v1/cameras/" + id).status()).as("not the default tenant's camera").isEqualTo(404);
    }

    /**
     * ffmpeg pushes to {@code live/lobby} with {@code userInfo}; the camera it makes in {@code client}'s tenant goes
     * live and ffprobe reads {@code frames} frames of it back with the same credentials. Returns the camera's id.
     */
    private static String publishAndReadBack(ArgusClient client, String userInfo, int frames) throws Exception {
        Ffprobe.assumeInstalled();
        String url = "rtsp://" + userInfo + "@127.0.0.1:" + server.rtspPort() + "/live/lobby";
        Process publisher = new ProcessBuilder(Ffprobe.FFMPEG.toString(), "-v", "error", "-nostdin", "-re",
                "-stream_loop", "-1", "-i", Ffprobe.loopable(SampleMedia.H264_360P25).toString(), "-c", "copy",
                "-f", "rtsp", "-rtsp_transport", "tcp", url).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            await(() -> client.get("/api/v1/cameras").json().findValues("name").stream()
                    .anyMatch(n -> n.asText().equals("live/lobby")), "a camera for the published path");
            JsonNode cam = null;
            for (JsonNode c : client.get("/api/v1/cameras").json()) {
                cam = c.path("name").asText().equals("live/lobby") ? c : cam;
            }
            String id = cam.path("id").asText();
            await(() -> "live".equals(client.get("/api/v1/cameras/" + id).json().path("status").path("state")
                    .asText()), "the pushed camera live");
            JsonNode status = client.get("/api/v1/cameras/" + id).json().path("status");
            assertThat(status.path("width").asInt()).isEqualTo(640);
            assertThat(status.path("height").asInt()).isEqualTo(360);
            List<String> read = Ffprobe.ffprobe("-rtsp_transport", "tcp", "-select_streams", "v", "-show_entries",
                    "frame=pts", "-of", "default=nw=1", "-read_intervals", "%+#" + frames, url).lines();
            assertThat(read.stream().filter(l -> l.startsWith("pts=")).count()).as("%s", read)
                    .isGreaterThanOrEqualTo(frames - 1);
            return id;
        } finally {
            publisher.destroy();
            publisher.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void await(BooleanSupplier condition, String what) {
        Await.until(Duration.ofSeconds(30), Duration.ofMillis(10), condition, what);
    }
}
