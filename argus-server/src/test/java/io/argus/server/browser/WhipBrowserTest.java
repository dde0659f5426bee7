package io.argus.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.metadata.Tenants;
import io.argus.server.testing.TestNode;
import io.argus.testkit.Await;
import io.argus.testkit.Ffprobe;
import io.argus.testkit.tier.Browser;
import io.argus.webrtc.WebRtcServer;
import io.argus.webrtc.WhipStats;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * WebRTC ingest from a real browser: Chromium's fake camera and microphone publish over WHIP to a camera name no
 * camera has; the node creates the camera, which goes live (ffprobe over the RTSP re-stream sees H.264 at the fake
 * camera's size), is recorded, and plays back over HLS once the page ends the session with DELETE. The Opus audio
 * is counted as dropped (the stream hub has no Opus track); a second publish goes in through the camera's publish URL
 * (no token in the page). A wrong token is refused.
 */
@Browser
class WhipBrowserTest {
    static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final TestNode node = TestNode.withCameras(1).set("recording.chunkDuration", "2s");

    private WebRtcServer webrtc() {
        return node.server().webrtc().orElseThrow().server();
    }

    @Test
    void chromiumPublishesACameraThatIsLiveRecordedAndPlaysBack() throws Exception {
        BrowserDriver browser = BrowserDriver.require();
        Ffprobe.assumeInstalled();
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
        long audioBefore = webrtc().whipCounters().audioPacketsDropped();
        AtomicReference<WhipStats> last = new AtomicReference<>();
        CompletableFuture<JsonNode> page = CompletableFuture.supplyAsync(() -> {
            try {
                return browser.run("whip.mjs", node.base(), TestNode.PASSWORD, Map.of("name", "whip-desk",
                        "holdMs", 20000), Duration.ofSeconds(120));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String id = awaitLiveCamera("whip-desk", page);
        webrtc().publishers().forEach(p -> last.set(p.stats()));
        String rtsp = "rtsp://admin:" + TestNode.PASSWORD + "@127.0.0.1:" + node.server().rtspPort() + "/whip-desk";
        String streams = Ffprobe.ffprobe("-rtsp_transport", "tcp", "-show_entries", "stream=codec_name,width,height",
                "-of", "compact", rtsp).stdout();
        assertThat(streams).contains("codec_name=h264|width=640|height=480");
        webrtc().publishers().forEach(p -> last.set(p.stats()));

        JsonNode r = page.get(120, TimeUnit.SECONDS);
        System.out.println("WHIP from Chromium: " + r + "; server side: " + last.get());
        assertThat(r.path("status").asInt()).as(r.toString()).isEqualTo(201);
        assertThat(r.path("location").asText()).startsWith("/api/v1/whip/whip-desk/");
        assertThat(r.path("connectionState").asText()).isEqualTo("connected");
        assertThat(r.path("deleteStatus").asInt()).isEqualTo(200);
        assertThat(r.path("video").path("framesEncoded").asInt()).isPositive();
        assertThat(r.path("video").path("pliCount").asInt()).as("the node asked for keyframes").isPositive();
        assertThat(last.get().state()).isEqualTo("live");
        assertThat(webrtc().whipCounters().audioPacketsDropped()).as("Opus counted as dropped")
                .isGreaterThan(audioBefore);
        Await.until(Duration.ofSeconds(5), () -> webrtc().publishers().isEmpty(), () -> "DELETE ended the publisher");

        UUID camera = UUID.fromString(id);
        Await.until(WAIT, () -> !node.server().recording().index().find(Tenants.DEFAULT_ID, camera,
                Instant.EPOCH, Instant.now().plusSeconds(60)).isEmpty(), () -> "a recorded chunk indexed");
        String playback = node.base() + "/api/v1/cameras/" + id + "/playback.m3u8?from=" + start + "&to="
                + Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        Ffprobe.Decoded decoded = Ffprobe.decode(playback, node.api().token());
        System.out.println("WHIP recording played back: " + decoded.frames() + " frames");
        assertThat(decoded.frames()).as(decoded.errors()).isGreaterThan(25);
        assertThat(node.server().paths().get(id).orElseThrow().counters().packetsInvalid()).isZero();

        // A second publish, with the node's WebRTC code warm (the time to connect is printed for docs/whip.md),
        // into the same camera through its publish URL: no token in the page, the DELETE by the signed Location.
        String whipUrl = node.api().post("/api/v1/cameras/" + id + "/publish-url", "{}").json().get("whip").asText();
        JsonNode warm = browser.run("whip.mjs", node.base(), TestNode.PASSWORD, Map.of("name", "whip-desk",
                "holdMs", 2000, "whipUrl", whipUrl), Duration.ofSeconds(60));
        System.out.println("WHIP from Chromium, second publish (publish URL): " + warm);
        assertThat(warm.path("status").asInt()).as(warm.toString()).isEqualTo(201);
        assertThat(warm.path("location").asText()).startsWith("/api/v1/whip/" + id + "/").contains("?sig=");
        assertThat(warm.path("connectionState").asText()).isEqualTo("connected");
        assertThat(warm.path("deleteStatus").asInt()).isEqualTo(200);
    }

    @Test
    void aWrongTokenIsRefusedAndCreatesNothing() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(node.base() + "/api/v1/whip/whip-nope")).header("Content-Type", "application/sdp")
                .header("Authorization", "Bearer wrong").POST(HttpRequest.BodyPublishers.ofString("v=0\r\n")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("\"error\":\"unauthorized\"");
        assertThat(node.api().get("/api/v1/cameras").body()).doesNotContain("whip-nope");
    }

    /** The id of the camera named {@code name} once it is live; fails early with the page's result if it ended. */
    private static String awaitLiveCamera(String name, CompletableFuture<JsonNode> page) {
        String[] id = {null};
        Await.until(WAIT, () -> {
            if (page.isDone()) {
                throw new AssertionError("the page ended before " + name + " was live: " + page.join());
            }
            for (JsonNode c : node.api().get("/api/v1/cameras").json()) {
                if (c.path("name").asText().equals(name)) {
                    id[0] = c.path("id").asText();
                }
            }
            return id[0] != null && "live".equals(node.api().get("/api/v1/cameras/" + id[0]).json().path("status")
                    .path("state").asText());
        }, () -> name + " live");
        return id[0];
    }
}
