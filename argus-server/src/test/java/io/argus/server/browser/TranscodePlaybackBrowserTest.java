package io.argus.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.media.rtsp.GstRtspCamera;
import io.argus.server.testing.TestNode;
import io.argus.testkit.Await;
import io.argus.testkit.SampleMedia;
import io.argus.testkit.tier.Browser;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 17's playback check: two H.265 cameras served by a third-party RTSP server (GStreamer's gst-rtsp-server)
 * are recorded, and their recordings play at once in headless Chromium, which cannot decode H.265 on Linux: each
 * UI playback player sees hls.js refuse the codec and plays the range again as the node's H.264 transcode
 * ({@code playback.m3u8?rendition=h264}).
 */
@Browser
class TranscodePlaybackBrowserTest {

    @RegisterExtension
    static final TestNode node = TestNode.bare().set("recording.minFree", "0").set("transcode.maxJobs", "2");

    @Test
    void twoH265CamerasFromGStreamerPlayBackInChromiumThroughTheirH264Rendition() throws Exception {
        BrowserDriver browser = BrowserDriver.require();
        try (GstRtspCamera a = GstRtspCamera.start(0, SampleMedia.H265_360P25);
             GstRtspCamera b = GstRtspCamera.start(0, SampleMedia.H265_360P25)) {
            List<String> cameras = List.of(node.addCamera("gst-h265-a", a.url()),
                    node.addCamera("gst-h265-b", b.url()));
            for (String c : cameras) {
                Await.until(Duration.ofSeconds(60), Duration.ofMillis(500), () -> node.api().get("/api/v1/cameras/"
                        + c).json().path("status").path("uptimeSeconds").asLong() >= 10, "10 s recorded of " + c);
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            JsonNode r = browser.run("h265playback.mjs", node.base(), TestNode.PASSWORD, Map.of("cameras", cameras,
                    "from", now.minusSeconds(9).toString(), "to", now.minusSeconds(3).toString()),
                    Duration.ofSeconds(150));
            System.out.println("H.265 playback in Chromium: " + r);
            JsonNode players = r.path("players");
            assertThat(players).as(r.toString()).hasSize(2);
            for (JsonNode p : players) {
                assertThat(p.path("failed").isNull()).as(p.toString()).isTrue();
                assertThat(p.path("frames").asInt()).as("decoded frames " + p).isPositive();
                assertThat(p.path("advanced").asDouble()).as("currentTime advances " + p).isGreaterThanOrEqualTo(1.0);
                if (!r.path("hevcSupported").asBoolean()) {
                    assertThat(p.path("rendition").asText()).as(p.toString()).isEqualTo("h264");
                }
            }
            assertThat(r.path("csp")).as("players work under the Content-Security-Policy").isEmpty();
        }
    }
}
