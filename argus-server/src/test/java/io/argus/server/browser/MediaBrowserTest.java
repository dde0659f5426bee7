package io.argus.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.metadata.Tenants;
import io.argus.server.testing.TestNode;
import io.argus.testkit.Await;
import io.argus.testkit.tier.Browser;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Video in a real browser: hls.js and MSE in headless Chromium play what the node serves, through the UI's own player
 * modules. Recorded playback starts at the requested second; LL-HLS stays under 2 s behind on loopback; fMP4 over a
 * WebSocket shows its first picture within 300 ms of connecting.
 */
@Browser
class MediaBrowserTest {

    @RegisterExtension
    static final TestNode node = TestNode.withCameras(1).set("recording.chunkDuration", "2s")
            .set("recording.minFree", "0");
    static String camera;

    @BeforeAll
    static void start() {
        camera = node.camera(0);
    }

    @Test
    void hlsJsPlaysRecordedRangeFromTheRequestedSecondAndLiveOverLlHlsAndWebSocket() throws Exception {
        BrowserDriver browser = BrowserDriver.require();
        UUID cam = UUID.fromString(camera);
        Await.until(Duration.ofSeconds(30), () -> node.server().recording().index().find(Tenants.DEFAULT_ID, cam,
                Instant.EPOCH, Instant.now().plusSeconds(60)).size() >= 4, () -> "four recorded chunks");
        // A second inside the recordings that is not on a keyframe: the player must seek into the GOP.
        Instant from = node.server().recording().index().find(Tenants.DEFAULT_ID, cam, Instant.EPOCH,
                Instant.now().plusSeconds(60)).get(1).start().plusMillis(1300).truncatedTo(ChronoUnit.MILLIS);
        Instant to = from.plusSeconds(4);

        JsonNode r = browser.run("media.mjs", node.base(), TestNode.PASSWORD, Map.of("camera", camera,
                "from", from.toString(), "to", to.toString()), Duration.ofSeconds(90));
        boolean busy = BrowserDriver.overloaded();
        System.out.println("browser media results" + (busy ? " (machine overloaded: looser timing bounds)" : "")
                + ": " + r);

        JsonNode pb = r.path("playback");
        assertThat(pb.path("failed").isNull()).as(pb.toString()).isTrue();
        assertThat(pb.path("frames").asInt()).as("decoded frames " + pb).isPositive();
        assertThat(pb.path("currentTime").asDouble() - pb.path("first").path("currentTime").asDouble())
                .as("currentTime advances " + pb).isGreaterThanOrEqualTo(1.0);
        assertThat(Math.abs(pb.path("first").path("playingDate").asLong() - from.toEpochMilli()))
                .as("the first picture is at the requested second " + pb).isLessThan(500);

        JsonNode hls = r.path("live-hls");
        assertThat(hls.path("failed").isNull()).as(hls.toString()).isTrue();
        assertThat(hls.path("frames").asInt()).as("LL-HLS decoded frames " + hls).isPositive();
        assertThat(hls.path("advanced").asDouble()).as("LL-HLS currentTime advances " + hls).isGreaterThan(2.0);
        assertThat(median(hls.path("hlsLatency"))).as("hls.latency " + hls).isLessThan(busy ? 4.0 : 2.0);
        assertThat(median(hls.path("pdtLatency"))).as("program date-time behind now " + hls)
                .isLessThan(busy ? 4.0 : 2.0);

        JsonNode ws = r.path("live-ws");
        assertThat(ws.path("failed").isNull()).as(ws.toString()).isTrue();
        assertThat(ws.path("frames").asInt()).as("MSE decoded frames " + ws).isPositive();
        assertThat(ws.path("advanced").asDouble()).as("MSE currentTime advances " + ws).isGreaterThan(2.0);
        assertThat(median(ws.path("firstFrameMs"))).as("first frame after connecting, ms " + ws)
                .isLessThan(busy ? 1000 : 300);
        for (JsonNode scenario : List.of(pb, hls, ws)) {
            assertThat(scenario.path("csp").isArray()).as("violations collected").isTrue();
            assertThat(scenario.path("csp")).as("players work under the Content-Security-Policy").isEmpty();
        }
    }

    static double median(JsonNode values) {
        List<Double> v = new ArrayList<>();
        values.forEach(n -> v.add(n.isNull() ? Double.MAX_VALUE : n.asDouble()));
        assertThat(v).as("measurements").isNotEmpty();
        v.sort(Double::compare);
        return v.get(v.size() / 2);
    }
}
