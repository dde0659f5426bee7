package io.argus.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.server.testing.TestNode;
import io.argus.testkit.tier.Browser;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Events in the web UI, in headless Chromium ({@code events.mjs}), against a node whose analytics find motion in the
 * simulated camera's moving shapes: a new motion event appears live in the events panel with its thumbnail, is
 * filtered away and back, and the panel pages with the search's cursor; clicking it opens the camera's playback at the event, and the timeline marks it; the live
 * wall shows an alert for the next event; the zone editor's zone and line, drawn on the snapshot, are what GET
 * /analytics returns afterwards, and a rule the engine cannot read is refused in words.
 */
@Browser
class EventsBrowserTest {
    @RegisterExtension
    static final TestNode node = TestNode.withCameras(1).small().set("analytics.enabled", "true")
            .set("recording.chunkDuration", "10s").set("recording.minFree", "0");

    @Test
    void eventsArriveLiveOpenPlaybackAlertTheWallAndZonesAreDrawn() throws Exception {
        BrowserDriver browser = BrowserDriver.require();
        String camera = node.camera(0);
        JsonNode r = browser.run("events.mjs", node.base(), TestNode.PASSWORD, Map.of("camera", camera),
                Duration.ofSeconds(420));
        System.out.println("browser events results: " + r);

        String id = r.path("liveEvent").asText();
        JsonNode stored = node.api().get("/api/v1/events?camera=" + camera + "&type=motion&limit=1000").json();
        JsonNode event = null;
        for (JsonNode e : stored.path("events")) {
            event = id.equals(e.path("id").asText()) ? e : event;
        }
        assertThat(event).as("the panel's live event is a stored motion event " + stored).isNotNull();
        assertThat(r.path("liveRowIndex").asInt()).as("a live event goes to the top").isZero();
        assertThat(r.path("thumbnail").asText()).as("the thumbnail, a JPEG").isEqualTo("data:image/jpeg;base64");
        assertThat(r.path("onvifRows").asInt()).isZero();
        assertThat(r.path("filteredTypes")).extracting(JsonNode::asText).containsExactly("MOTION");

        assertThat(r.path("paged")).as("older events paged in below, none twice").extracting(JsonNode::asText)
                .doesNotHaveDuplicates().hasSizeGreaterThan(r.path("pagedBefore").asInt());

        Instant from = Instant.parse(event.path("from").asText());
        assertThat(r.path("eventFrom").asText()).isEqualTo(event.path("from").asText());
        JsonNode pb = r.path("playback");
        String[] route = pb.path("hash").asText().split("/");
        assertThat(route).as("the camera view's route to the event's span " + pb).hasSize(5);
        assertThat(route[2]).isEqualTo(camera);
        assertThat(Instant.parse(route[3]).toEpochMilli()).isEqualTo(from.toEpochMilli());
        assertThat(Instant.parse(route[4])).isAfter(Instant.parse(route[3]));
        assertThat(Instant.parse(pb.path("position").asText()).toEpochMilli())
                .as("playback starts 3 s before the event " + pb).isCloseTo(from.toEpochMilli() - 3000, within(3000L));
        assertThat(r.path("timelineEvents").asText().split(",")).contains(id);

        JsonNode alert = r.path("alert");
        assertThat(alert.path("camera").asText()).isEqualTo(camera);
        assertThat(alert.path("id").asText()).as("the alert is for a new event").isNotEqualTo(id);
        assertThat(alert.path("text").asText()).contains("motion");
        if (r.has("alertHash")) {
            assertThat(r.path("alertHash").asText()).startsWith("#/camera/" + camera + "/");
        }

        assertThat(r.path("refused").asText()).contains("name is required");
        JsonNode analytics = node.api().get("/api/v1/cameras/" + camera + "/analytics").json();
        JsonNode zones = analytics.path("zones");
        assertThat(zones).hasSize(1);
        assertThat(zones.get(0).path("name").asText()).isEqualTo("driveway");
        assertThat(zones.get(0).path("mask").asBoolean()).isFalse();
        double[][] corners = {{0.1, 0.2}, {0.6, 0.2}, {0.6, 0.8}, {0.1, 0.8}};
        assertThat(zones.get(0).path("points")).hasSize(4);
        for (int i = 0; i < 4; i++) {
            JsonNode p = zones.get(0).path("points").get(i);
            assertThat(p.get(0).asDouble()).as("corner " + i + " " + p).isCloseTo(corners[i][0], within(0.01));
            assertThat(p.get(1).asDouble()).as("corner " + i + " " + p).isCloseTo(corners[i][1], within(0.01));
        }
        JsonNode rules = analytics.path("rules");
        assertThat(rules).hasSize(1);
        JsonNode line = rules.get(0);
        assertThat(line.path("name").asText()).isEqualTo("gate-in");
        assertThat(line.path("type").asText()).isEqualTo("line_crossing");
        assertThat(line.path("direction").asText()).isEqualTo("left_to_right");
        assertThat(line.path("from").get(0).asDouble()).isCloseTo(0.8, within(0.01));
        assertThat(line.path("from").get(1).asDouble()).isCloseTo(0.1, within(0.01));
        assertThat(line.path("to").get(1).asDouble()).isCloseTo(0.9, within(0.01));
        assertThat(r.path("shapesAfterReload")).extracting(JsonNode::asText)
                .containsExactly("driveway", line.path("area").asText());
        assertThat(r.path("snapshotWidth").asInt()).as("the snapshot under the editor").isPositive();
        assertThat(r.path("csp")).as("the UI works under its Content-Security-Policy").isEmpty();
        assertThat(r.path("screenshots")).hasSize(4);
    }
}
