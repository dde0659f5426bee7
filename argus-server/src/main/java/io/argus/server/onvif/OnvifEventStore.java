package io.argus.server.onvif;

import io.argus.onvif.client.OnvifEvent;
import java.util.List;
import java.util.UUID;

/**
 * Where a device's events go. Today a small table of its own ({@link JdbcOnvifEventStore}); once the general event
 * store of the analytics work exists, an implementation that writes there takes its place without the pullers
 * changing.
 */
public interface OnvifEventStore {
    /** Keeps an event device {@code device} of {@code tenant} reported. */
    void record(UUID tenant, UUID device, OnvifEvent event);

    /** The device's latest events, newest first. */
    List<StoredEvent> latest(UUID tenant, UUID device, int limit);

    /** A kept event. */
    record StoredEvent(String topic, java.time.Instant time, String operation, java.util.Map<String, String> source,
                       java.util.Map<String, String> data, java.time.Instant receivedAt) {
    }
}
