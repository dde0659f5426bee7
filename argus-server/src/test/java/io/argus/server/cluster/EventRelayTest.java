package io.argus.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.cluster.bus.BusMessage;
import io.argus.cluster.bus.Topic;
import io.argus.server.api.Json;
import io.argus.server.api.events.EventResponse;
import io.argus.server.testing.TestNode;
import io.argus.storage.event.Event;
import io.argus.storage.event.EventBox;
import io.argus.storage.event.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A single node (its in-process bus): an event it makes reaches its live stream once, not again from the bus; an
 * event another node published on the bus reaches the stream too, as it was made.
 */
class EventRelayTest {
    static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final TestNode node = TestNode.bare();

    @Test
    void aLocalEventReachesTheStreamOnceAndAPeersEventReachesItAsMade() throws Exception {
        UUID camera = UUID.fromString(node.addCamera("{\"name\":\"c1\",\"url\":\"rtsp://10.0.0.1/s\","
                + "\"enabled\":false}"));
        UUID tenant = UUID.fromString(node.api().get("/api/v1/me").json().get("tenantId").asText());
        try (SseEvents sse = SseEvents.open(node.base(), node.api().token(), WAIT)) {
            Event local = motion(tenant, camera);
            node.server().events().accept(local, null);
            // Behind it on the bus (one camera: one key, in order): once it came, a copy of the local one would have.
            Event peer = new Event(tenant, UUID.randomUUID(), camera, EventType.OBJECT, Instant.now(), null, "door",
                    "person", 0.9, new EventBox(0.1, 0.2, 0.3, 0.4), true);
            node.server().cluster().bus().publish(new BusMessage(Topic.EVENTS, camera.toString(),
                    Json.MAPPER.writeValueAsString(new EventRelay.EventMessage("another-node", tenant,
                            EventResponse.of(peer))))).join();
            sse.await(peer.id().toString(), WAIT);
            assertThat(sse.ids()).containsExactly(local.id().toString(), peer.id().toString());
        }
    }

    @Test
    void anEventSurvivesTheTripThroughItsApiForm() {
        UUID tenant = UUID.randomUUID();
        Event e = new Event(tenant, UUID.randomUUID(), UUID.randomUUID(), EventType.RULE, Instant.now(),
                Instant.now().plusSeconds(3), "gate", "loiter", 0.75, new EventBox(0.5, 0.5, 0.25, 0.125), true);
        assertThat(EventRelay.event(tenant, EventResponse.of(e))).isEqualTo(e);
        Event bare = motion(tenant, UUID.randomUUID());
        assertThat(EventRelay.event(tenant, EventResponse.of(bare))).isEqualTo(bare);
    }

    static Event motion(UUID tenant, UUID camera) {
        return new Event(tenant, UUID.randomUUID(), camera, EventType.MOTION, Instant.now(), null, null, null, null,
                null, false);
    }
}
