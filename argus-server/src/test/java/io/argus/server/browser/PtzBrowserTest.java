package io.argus.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.onvif.client.PtzVector;
import io.argus.server.testing.TestNode;
import io.argus.sim.onvif.SimPtz;
import io.argus.testkit.tier.Browser;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ONVIF in the web UI, in headless Chromium ({@code ptz.mjs}): the admin page discovers a simulated ONVIF device and
 * adds it; the camera made from it shows the PTZ pad in its view, a camera without PTZ does not; holding → moves
 * the simulated head right, a saved preset is listed, home and go-to-preset move the head where it was saved.
 */
@Browser
class PtzBrowserTest {
    @RegisterExtension
    static final TestNode node = TestNode.withSimulator(1).small().onvif(Duration.ofSeconds(5));

    @Test
    void padZoomAndPresetsMoveTheSimulatedHead() throws Exception {
        BrowserDriver browser = BrowserDriver.require();
        String plain = node.addCamera("plain", node.url(0));
        JsonNode r = browser.run("ptz.mjs", node.base(), TestNode.PASSWORD, Map.of("plainCamera", plain,
                "discovery", "127.0.0.1:" + node.sim().onvif().orElseThrow().discoveryPort()), Duration.ofSeconds(120));
        assertThat(r.get("found").asInt()).isEqualTo(1);
        assertThat(r.get("added").asInt()).as(r.get("report").asText()).isEqualTo(1);
        assertThat(r.get("plainHasPad").asBoolean()).isFalse();
        assertThat(r.get("presets").asText()).isEqualTo("door");
        assertThat(r.get("csp")).isEmpty();
        SimPtz head = node.sim().onvif().orElseThrow().device(1).ptz();
        PtzVector at = head.position(Instant.now());
        assertThat(head.moving()).isFalse();
        assertThat(at.pan()).isGreaterThan(0);
        assertThat(at.tilt()).isZero();
        assertThat(head.presets()).extracting(SimPtz.Preset::name).containsExactly("door");
        assertThat(at).isEqualTo(head.presets().get(0).position());
    }
}
