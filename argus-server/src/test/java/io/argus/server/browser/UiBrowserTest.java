package io.argus.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.argus.client.ArgusClient;
import io.argus.server.testing.TestNode;
import io.argus.testkit.Await;
import io.argus.testkit.Ffprobe;
import io.argus.testkit.tier.Browser;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator UI in headless Chromium against a node with 16 simulated cameras and one that is down: log in, a
 * 4-tile wall playing, drag and drop, full screen, a 16-tile wall for a minute (memory and buffers bounded, sockets
 * closed when tiles go), a camera played back from one minute ago, a bookmark, a 10-second export checked with
 * ffprobe, the admin page's connection test, errors in words, logout. Screenshots in target/browser/.
 */
@Browser
class UiBrowserTest {
    /** How long the 16-tile wall plays while its memory is sampled; the one-hour claim rests on its being flat. */
    private static final int WALL_SECONDS = Integer.getInteger("argus.browser.wallSeconds", 60);
    private static final int CAMERAS = 16;

    // Sub-stream sized cameras (640x360), as a 16-tile wall shows: 16 decoders of 1080p would need more than the
    // two cores this runs on. One more than the wall shows: the admin page tests and adds the spare.
    @RegisterExtension
    static final TestNode node = TestNode.withSimulator(CAMERAS + 1).small().set("recording.chunkDuration", "10s")
            .set("recording.minFree", "0");
    static ArgusClient api;
    static final List<String> ids = new ArrayList<>();
    static String offline;

    @BeforeAll
    static void start() throws Exception {
        api = node.api();
        for (int i = 1; i <= CAMERAS; i++) {
            ids.add(node.addCamera(String.format("cam-%02d", i), node.url(i - 1)));
        }
        offline = node.addCamera("zz-offline", "rtsp://127.0.0.1:" + closedPort() + "/gone");
        Await.until(Duration.ofSeconds(60), () -> {
            JsonNode list = api.get("/api/v1/cameras").json();
            int live = 0;
            for (JsonNode c : list) {
                live += "live".equals(c.path("status").path("state").asText()) ? 1 : 0;
            }
            return live == CAMERAS;
        }, () -> "all cameras live");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void operatorLogsInWatchesTheWallPlaysBackExportsAndAdministers() throws Exception {
        BrowserDriver browser = BrowserDriver.require();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("cameras", ids);
        params.put("offline", offline);
        params.put("spareUrl", node.url(CAMERAS));
        params.put("wallSeconds", WALL_SECONDS);
        JsonNode r = browser.run("ui.mjs", node.base(), TestNode.PASSWORD, params,
                Duration.ofSeconds(WALL_SECONDS + 210));
        System.out.println("browser UI results: " + r);

        assertThat(r.path("indexCacheControl").asText()).isEqualTo("no-cache");
        assertThat(r.path("indexCsp").asText()).contains("script-src 'self';");
        assertThat(r.path("csp").isArray()).as("violations collected").isTrue();
        assertThat(r.path("csp")).as("the UI works under its Content-Security-Policy").isEmpty();
        assertThat(r.path("loginError").asText()).isEqualTo("Wrong user name or password.");
        for (JsonNode tile : r.path("wall4")) {
            assertThat(tile.path("frames").asInt()).as("decoded frames " + tile).isPositive();
            assertThat(tile.path("advanced").asDouble()).as("currentTime advances " + tile).isGreaterThan(1.0);
            // A generous bound for a machine shared with other builds; the typical tile starts in 130-700 ms.
            assertThat(tile.path("firstFrameMs").asDouble()).as("tile starts at once " + tile).isLessThan(3000);
        }
        assertThat(r.path("wall4")).hasSize(4);
        assertThat(MediaBrowserTest.median(firstFrames(r.path("wall4"))))
                .as("a tile starts in under a second " + r.path("wall4"))
                .isLessThan(BrowserDriver.overloaded() ? 3000 : 1000);
        assertThat(r.path("offlineBadge").asText()).isEqualTo("DOWN");

        JsonNode wall16 = r.path("wall16");
        assertThat(wall16.path("end")).hasSize(16);
        int decoding = 0;
        for (JsonNode t : wall16.path("end")) {
            decoding += t.path("frames").asInt() > 0 ? 1 : 0;
        }
        // On a machine starved by other builds, simulated cameras drop and reconnect (no media for 10 s).
        assertThat(decoding).as("tiles of the 16-tile wall with decoded frames " + wall16.path("end"))
                .isGreaterThanOrEqualTo(BrowserDriver.overloaded() ? 8 : 16);
        JsonNode samples = wall16.path("samples");
        assertThat(samples.size()).isGreaterThanOrEqualTo(WALL_SECONDS / 5 - 1);
        double settled = samples.get(Math.min(2, samples.size() - 1)).path("heap").asDouble();
        double maxHeap = 0;
        for (JsonNode s : samples) {
            maxHeap = Math.max(maxHeap, s.path("heap").asDouble());
            assertThat(s.path("maxBuffered").asDouble()).as("seconds of video buffered per tile " + s)
                    .isLessThan(20);
        }
        assertThat(maxHeap - settled).as("JS heap growth on the 16-tile wall, bytes " + samples)
                .isLessThan(16 * 1024 * 1024);
        JsonNode readers = r.path("readers");
        assertThat(readers.path("wall16").asInt() - readers.path("backTo4").asInt())
                .as("the 12 tiles that went closed their sockets " + readers).isGreaterThanOrEqualTo(12);

        JsonNode pb = r.path("playback");
        assertThat(Math.abs(pb.path("first").path("position").asLong() - pb.path("target").asLong()))
                .as("playback starts one minute ago " + pb).isLessThan(1500);
        assertThat(pb.path("time").asDouble() - pb.path("first").path("time").asDouble())
                .as("playback advances " + pb).isGreaterThan(1.0);
        assertThat(pb.path("rate").asDouble()).isEqualTo(4.0);
        JsonNode bookmarks = api.get("/api/v1/cameras/" + ids.get(0) + "/bookmarks").json();
        assertThat(bookmarks.findValuesAsText("note")).contains("browser test bookmark");

        byte[] jpeg = Files.readAllBytes(Paths.get(r.path("snapshot").path("file").asText()));
        assertThat(jpeg.length).as("snapshot").isGreaterThan(1000);
        assertThat(jpeg[0] & 0xff).isEqualTo(0xff);
        assertThat(jpeg[1] & 0xff).as("a JPEG").isEqualTo(0xd8);
        checkExport(r.path("export"));
        assertThat(r.path("exportEmptyMessage").asText()).startsWith("Nothing was recorded between");

        assertThat(r.path("failedTest").asText()).as("a failed connection test in words").isNotBlank()
                .doesNotContain("Exception");
        assertThat(r.path("passedTest").asText()).startsWith("Connected in").contains("H264");
        assertThat(r.path("duplicateMessage").asText()).contains("added-in-ui");
        assertThat(api.get("/api/v1/cameras").json().findValuesAsText("name")).contains("added-in-ui");
        assertThat(r.path("tokenAfterLogout").isNull()).isTrue();
        assertThat(r.path("screenshots")).hasSize(8).allSatisfy(p -> assertThat(Paths.get(p.asText())).isNotEmptyFile());
    }

    private static JsonNode firstFrames(JsonNode tiles) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        tiles.forEach(t -> out.add(t.path("firstFrameMs")));
        return out;
    }

    /** The downloaded clip is an MP4 of about ten seconds (from the keyframe before the start) that ffprobe reads. */
    private static void checkExport(JsonNode export) throws Exception {
        Path file = Paths.get(export.path("file").asText());
        assertThat(file).isNotEmptyFile();
        assertThat(export.path("suggested").asText()).endsWith(".mp4");
        byte[] head = Files.readAllBytes(file);
        assertThat(new String(head, 4, 4, StandardCharsets.US_ASCII)).isEqualTo("ftyp");
        if (!Files.isExecutable(Ffprobe.FFPROBE)) {
            return;
        }
        String out = Ffprobe.ffprobe("-count_frames", "-select_streams", "v", "-show_entries",
                "format=duration:stream=nb_read_frames,codec_name", "-of", "default=nw=1", file.toString()).stdout();
        double duration = Double.parseDouble(out.lines().filter(l -> l.startsWith("duration=")).findFirst()
                .orElseThrow().substring("duration=".length()));
        assertThat(duration).as("exported clip length " + out).isBetween(9.5, 13.0);
        assertThat(out).contains("codec_name=h264");
    }
}
