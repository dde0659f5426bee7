package io.argus.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.client.Answer;
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
 * The camera view's PTZ control in headless Chromium ({@code ptz.mjs}): a camera added from a simulated ONVIF device
 * shows the pad, a camera without PTZ does not; holding → moves the simulated head right, a saved preset is listed,
 * home and go-to-preset move the head where the preset was saved.
 */
@Browser
class PtzBrowserTest {
    @RegisterExtension
    static final TestNode node = TestNode.withSimulator(1).small().onvif(Duration.ofSeconds(5));

    @Test
    void padZoomAndPresetsMoveTheSimulatedHead() throws Exception {
        BrowserDriver browser = BrowserDriver.require();
        String plain = node.addCamera("plain", node.url(0));
        Answer added = node.api().post("/api/v1/onvif/devices", "{\"xaddr\":\""
                + node.sim().onvif().orElseThrow().device(1).deviceService()
                + "\",\"username\":\"admin\",\"password\":\"admin\",\"profiles\":[\"sub\"]}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        String ptzCamera = added.json().at("/cameras/0/id").asText();
        JsonNode r = browser.run("ptz.mjs", node.base(), TestNode.PASSWORD,
                Map.of("plainCamera", plain, "ptzCamera", ptzCamera), Duration.ofSeconds(90));
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
