package io.argus.server.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.argus.cluster.bus.BusMessage;
import io.argus.cluster.bus.EventBus;
import io.argus.cluster.bus.Subscription;
import io.argus.cluster.bus.Topic;
import io.argus.server.analytics.EventHub;
import io.argus.server.analytics.EventListener;
import io.argus.server.api.Json;
import io.argus.server.api.events.BoxResponse;
import io.argus.server.api.events.EventResponse;
import io.argus.storage.event.Event;
import io.argus.storage.event.EventBox;
import io.argus.storage.event.EventType;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's events on the cluster's bus: each event this node makes (its start, and its end) is published on
 * {@link Topic#EVENTS} keyed by its camera, and each node reads the topic in a group of its own (so it gets every
 * message) and hands the events of the other nodes to its live streams. Webhooks and MQTT are left to the node that
 * made the event, so each is delivered once; a node skips its own messages (its live streams had them already).
 */
public final class EventRelay implements EventListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventRelay.class);

    /** A message on {@link Topic#EVENTS}: the node that made the event, its tenant, the event as the API shows it. */
    record EventMessage(String node, UUID tenant, EventResponse event) {
    }

    /** Lenient about fields it does not know: a node of a newer version may be running beside this one. */
    private static final ObjectReader READER = Json.MAPPER.readerFor(EventMessage.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final EventBus bus;
    private final String node;
    private final EventHub hub;
    private final Subscription subscription;

    /** Subscribes (so an event published after the return reaches this node) and follows the hub. */
    public EventRelay(EventBus bus, String node, EventHub hub) {
        this.bus = bus;
        this.node = node;
        this.hub = hub;
        this.subscription = bus.subscribe(Topic.EVENTS, "argus.events." + node, this::hear);
        hub.addListener(this);
    }

    /** On the thread that made the event: the bus accepts it without waiting for the broker. */
    @Override
    public void onEvent(Event e) {
        try {
            String payload = Json.MAPPER.writeValueAsString(new EventMessage(node, e.tenant(), EventResponse.of(e)));
            bus.publish(new BusMessage(Topic.EVENTS, e.camera().toString(), payload)).whenComplete((ok, x) -> {
                if (x != null) {
                    LOG.warn("event {} of camera {} not published: {}", e.id(), e.camera(), x.toString());
                }
            });
        } catch (JsonProcessingException | RuntimeException x) {
            LOG.warn("event {} of camera {} not published: {}", e.id(), e.camera(), x.toString());
        }
    }

    private void hear(BusMessage m) throws JsonProcessingException {
        EventMessage msg = READER.readValue(m.payload());
        if (!node.equals(msg.node())) {
            hub.acceptFromPeer(event(msg.tenant(), msg.event()));
        }
    }

    /** The event back from its API form (the thumbnail's URL says whether it has one). */
    static Event event(UUID tenant, EventResponse r) {
        BoxResponse b = r.box();
        return new Event(tenant, UUID.fromString(r.id()), UUID.fromString(r.cameraId()), EventType.parse(r.type()),
                r.from(), r.to(), r.zone(), r.label(), r.confidence(),
                b == null ? null : new EventBox(b.x(), b.y(), b.w(), b.h()), r.thumbnail() != null);
    }

    @Override
    public void close() {
        hub.removeListener(this);
        subscription.close();
    }
}
