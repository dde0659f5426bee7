package io.argus.server.analytics;

import io.argus.analytics.EventSink;
import io.argus.server.recording.RecordingService;
import io.argus.storage.event.Event;
import io.argus.storage.event.EventStore;
import io.argus.storage.event.EventType;
import java.time.Instant;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every event of the node passes here: it is stored (with its thumbnail), handed to the live listeners, and arms
 * event recording on its camera (a camera in events mode records from its pre-buffer before the event through its
 * post-buffer after the event's end), and its window is protected from retention and promoted back to the hot tier
 * as {@link EventWindows} says. Camera events do not arm recording: a camera that is down has nothing to record.
 *
 * <p>Live listeners (the SSE streams) also get the events other nodes made ({@link #acceptFromPeer}); the others
 * (webhooks, MQTT) only this node's, since the node that made an event delivers those.
 */
public final class EventHub implements EventSink {
    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);

    private final EventStore store;
    private final RecordingService recording;
    private final EventWindows windows;
    private final CopyOnWriteArrayList<EventListener> listeners = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<EventListener> live = new CopyOnWriteArrayList<>();

    public EventHub(EventStore store, RecordingService recording, EventWindows windows) {
        this.store = store;
        this.recording = recording;
        this.windows = windows;
    }

    @Override
    public void accept(Event event, byte[] thumbnail) {
        try {
            // An end of an event that lasted updates its row; an event complete at once is new.
            if (event.to() == null || !store.end(event.tenant(), event.id(), event.to())) {
                store.add(event, thumbnail);
            }
        } catch (RuntimeException e) {
            // The database down: the event still reaches live listeners and recording; it is lost from search.
            LOG.warn("event {} of camera {} not stored: {}", event.id(), event.camera(), e.toString());
        }
        if (event.type() != EventType.CAMERA) {
            Instant armFrom = event.to() == null ? event.from() : event.to();
            recording.trigger(event.camera(), armFrom);
        }
        for (EventListener l : listeners) {
            l.onEvent(event);
        }
        acceptFromPeer(event);
        // After the live listeners: the window's database work must not delay an alert.
        windows.onEvent(event);
    }

    /** An event another node made (stored and delivered there): to the live listeners alone. */
    public void acceptFromPeer(Event event) {
        for (EventListener l : live) {
            l.onEvent(event);
        }
    }

    public EventStore store() {
        return store;
    }

    /** Follows the events this node makes (webhooks, MQTT, their publication on the cluster's bus). */
    public void addListener(EventListener l) {
        listeners.add(l);
    }

    public void removeListener(EventListener l) {
        listeners.remove(l);
    }

    /** Follows every event of the cluster: this node's and, in cluster mode, the other nodes'. */
    public void addLiveListener(EventListener l) {
        live.add(l);
    }

    public void removeLiveListener(EventListener l) {
        live.remove(l);
    }
}
