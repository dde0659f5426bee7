package io.argus.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.media.codec.Codec;
import io.argus.server.testing.TestNode;
import io.argus.testkit.tier.Browser;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 17's operator check: two H.265 cameras on the live wall of headless Chromium, which cannot decode H.265 on
 * Linux. Each tile sees from the live.ws header that the browser cannot play the camera's codec and plays the
 * camera's shared H.264 transcode instead (its transport reads "WebSocket (h264)").
 */
@Browser
class TranscodeBrowserTest {

    @RegisterExtension
    static final TestNode node = TestNode.withCameras(2).codec(Codec.H265, 25).small();

    @Test
    void twoH265CamerasPlayOnTheLiveWallThroughTheirH264Rendition() throws Exception {
        BrowserDriver browser = BrowserDriver.require();
        JsonNode r = browser.run("h265wall.mjs", node.base(), TestNode.PASSWORD, Map.of("cameras", 2),
                Duration.ofSeconds(150));
        System.out.println("H.265 wall in Chromium: " + r);
        assertThat(r.path("timedOut").isMissingNode()).as(r.toString()).isTrue();
        JsonNode tiles = r.path("tiles");
        int playing = 0;
        for (JsonNode t : tiles) {
            if (t.path("frames").asInt() > 0) {
                playing++;
                assertThat(t.path("advanced").asDouble()).as("currentTime advances " + t).isPositive();
                if (!r.path("hevcSupported").asBoolean()) {
                    assertThat(t.path("transport").asText()).as(t.toString()).endsWith("(h264)");
                }
            }
        }
        assertThat(playing).as(tiles.toString()).isEqualTo(2);
    }
}
