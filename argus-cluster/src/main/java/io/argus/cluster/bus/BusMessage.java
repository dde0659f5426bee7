package io.argus.cluster.bus;

import java.util.Map;
import java.util.Objects;

/**
 * One message: its topic, its key (what it is about, e.g. a camera's id: messages with one key are handled in the
 * order they were published), its payload (JSON, by convention) and string headers.
 */
public record BusMessage(Topic topic, String key, String payload, Map<String, String> headers) {
    public BusMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(payload, "payload");
        headers = Map.copyOf(headers);
    }

    public BusMessage(Topic topic, String key, String payload) {
        this(topic, key, payload, Map.of());
    }
}
