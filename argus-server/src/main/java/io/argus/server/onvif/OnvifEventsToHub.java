package io.argus.server.onvif;

import io.argus.analytics.EventSink;
import io.argus.metadata.OnvifDevice;
import io.argus.metadata.OnvifDeviceRepository;
import io.argus.onvif.client.OnvifEvent;
import io.argus.storage.event.Event;
import io.argus.storage.event.EventType;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A device's events as Argus events too, on the same path as the node's own (stored and searchable, streamed to
 * live listeners, arming event recording): each is kept as the device sent it ({@code delegate}) and handed to
 * {@code hub} as an {@link EventType#ONVIF} event of the device's first camera (its main profile). A property that
 * turns on and off (motion's {@code IsMotion}, a digital input's {@code LogicalState}, tamper's {@code State}: any
 * data item {@code true}/{@code false}) becomes one event from its {@code true} to its {@code false}; anything else
 * is an event of an instant.
 */
public final class OnvifEventsToHub implements OnvifEventStore {
    private final OnvifEventStore delegate;
    private final OnvifDeviceRepository devices;
    private final EventSink hub;
    /** Events that started ({@code true}) and have not ended, by device, topic and source. */
    private final Map<String, Event> open = new ConcurrentHashMap<>();

    public OnvifEventsToHub(OnvifEventStore delegate, OnvifDeviceRepository devices, EventSink hub) {
        this.delegate = delegate;
        this.devices = devices;
        this.hub = hub;
    }

    @Override
    public void record(UUID tenant, UUID device, OnvifEvent e) {
        delegate.record(tenant, device, e);
        Optional<UUID> camera = devices.cameras(tenant, device).stream().map(OnvifDevice.Camera::cameraId).findFirst();
        if (camera.isEmpty()) {
            return;
        }
        String key = device + " " + e.topic() + " " + e.source();
        Optional<Boolean> state = e.data().values().stream().map(v -> v.trim().toLowerCase(Locale.ROOT))
                .filter(v -> v.equals("true") || v.equals("false")).map(Boolean::parseBoolean).findFirst();
        Instant at = e.time();
        if (state.isEmpty()) {
            hub.accept(event(tenant, camera.get(), e, at, at), null);
        } else if (state.get()) {
            open.computeIfAbsent(key, k -> {
                Event started = event(tenant, camera.get(), e, at, null);
                hub.accept(started, null);
                return started;
            });
        } else {
            Event started = open.remove(key);
            if (started != null) {
                hub.accept(started.endedAt(at.isBefore(started.from()) ? started.from() : at), null);
            }
        }
    }

    @Override
    public List<StoredEvent> latest(UUID tenant, UUID device, int limit) {
        return delegate.latest(tenant, device, limit);
    }

    /** The label is the topic without its namespace prefixes; the zone the source's rule, when it names one. */
    private static Event event(UUID tenant, UUID camera, OnvifEvent e, Instant from, Instant to) {
        String label = e.topic().replaceAll("[A-Za-z0-9_.-]+:", "");
        String rule = e.source().get("Rule");
        return new Event(tenant, UUID.randomUUID(), camera, EventType.ONVIF, from, to, cut(rule), cut(label), null,
                null, false);
    }

    private static String cut(String s) {
        return s == null || s.length() <= Event.MAX_NAME_LENGTH ? s : s.substring(0, Event.MAX_NAME_LENGTH);
    }
}
