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
 * Snapshots as the last resort (issue 17): an H.265 camera on the live wall of headless Chromium (no HEVC decoder)
 * on a node that cannot transcode ({@code transcode.maxJobs} 0: every rendition is refused with 503
 * {@code transcode_full}). The tile shows the camera's snapshot, refreshed every few seconds, not a black box.
 */
@Browser
class SnapshotFallbackBrowserTest {

    @RegisterExtension
    static final TestNode node = TestNode.withCameras(1).codec(Codec.H265, 25).small().set("transcode.maxJobs", "0");

    @Test
    void anH265TileTheNodeCannotTranscodeShowsARefreshingSnapshot() throws Exception {
        BrowserDriver browser = BrowserDriver.require();
        JsonNode r = browser.run("stillswall.mjs", node.base(), TestNode.PASSWORD, Map.of(), Duration.ofSeconds(120));
        System.out.println("H.265 wall on a node that cannot transcode: " + r);
        assertThat(r.path("timedOut").isMissingNode()).as(r.toString()).isTrue();
        JsonNode tiles = r.path("tiles");
        assertThat(tiles).as(r.toString()).hasSize(1);
        if (!r.path("hevcSupported").asBoolean()) {
            JsonNode t = tiles.get(0);
            assertThat(t.path("transport").asText()).as(t.toString()).isEqualTo("snapshot");
            assertThat(t.path("stills").asInt()).as("snapshots loaded, refreshing " + t).isGreaterThanOrEqualTo(2);
            assertThat(t.path("imageWidth").asInt()).as("the camera's picture " + t).isEqualTo(640);
            assertThat(t.path("message").asText()).as(t.toString()).contains("cannot transcode");
        }
        assertThat(r.path("csp")).as("the tile works under the Content-Security-Policy").isEmpty();
    }
}
