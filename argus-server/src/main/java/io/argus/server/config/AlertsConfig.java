package io.argus.server.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Alerts that leave the node: webhooks ({@code webhooks.*}) and MQTT ({@code mqtt.*}). */
public record AlertsConfig(Webhooks webhooks, Mqtt mqtt) {
    public AlertsConfig {
        Objects.requireNonNull(webhooks, "webhooks");
        Objects.requireNonNull(mqtt, "mqtt");
    }

    /**
     * @param deniedAddresses  ranges never posted to ({@code webhooks.deniedAddresses})
     * @param allowedAddresses exceptions to them ({@code webhooks.allowedAddresses})
     * @param maxAttempts      attempts per delivery before its dead letter
     * @param retryInitial     the wait before the second attempt, doubled for each later one
     * @param timeout          one attempt's limit
     * @param queue            deliveries held at once
     */
    public record Webhooks(List<AddressRange> deniedAddresses, List<AddressRange> allowedAddresses, int maxAttempts,
                           Duration retryInitial, Duration timeout, int queue) {
        /** The longest wait between two attempts, whatever the doubling reaches. */
        public static final Duration MAX_RETRY_WAIT = Duration.ofMinutes(10);

        public Webhooks {
            deniedAddresses = List.copyOf(deniedAddresses);
            allowedAddresses = List.copyOf(allowedAddresses);
            if (maxAttempts < 1 || maxAttempts > 20) {
                throw new IllegalArgumentException("webhooks.maxAttempts: must be 1..20");
            }
            if (retryInitial.isNegative() || retryInitial.isZero() || retryInitial.compareTo(MAX_RETRY_WAIT) > 0) {
                throw new IllegalArgumentException("webhooks.retryInitial: must be over 0 and at most 10m");
            }
            if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new IllegalArgumentException("webhooks.timeout: must be over 0 and at most 5m");
            }
            if (queue < 1 || queue > 1_000_000) {
                throw new IllegalArgumentException("webhooks.queue: must be 1..1000000");
            }
        }
    }

    /**
     * @param url             the broker ({@code tcp://} or {@code ssl://}); empty for no MQTT
     * @param topicPrefix     the topics' first level
     * @param discovery       whether to announce Home Assistant sensors
     * @param discoveryPrefix Home Assistant's discovery prefix
     * @param queue           events waiting for the broker before drops
     */
    public record Mqtt(String url, String user, String password, String topicPrefix, boolean discovery,
                       String discoveryPrefix, int queue) {
        public Mqtt {
            if (!url.isEmpty()) {
                String scheme = URI.create(url).getScheme();
                if (scheme == null || !List.of("tcp", "ssl", "ws", "wss")
                        .contains(scheme.toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("mqtt.url: tcp://host:1883, ssl://host:8883, ws:// or wss://");
                }
            }
            if (topicPrefix.isBlank() || topicPrefix.contains("+") || topicPrefix.contains("#")) {
                throw new IllegalArgumentException("mqtt.topicPrefix: a topic level without + or #");
            }
            if (discoveryPrefix.isBlank() || discoveryPrefix.contains("+") || discoveryPrefix.contains("#")) {
                throw new IllegalArgumentException("mqtt.discoveryPrefix: a topic level without + or #");
            }
            if (queue < 1 || queue > 1_000_000) {
                throw new IllegalArgumentException("mqtt.queue: must be 1..1000000");
            }
        }

        public boolean enabled() {
            return !url.isEmpty();
        }

        @Override
        public String toString() {
            return "Mqtt[" + url + " user=" + user + " prefix=" + topicPrefix + "]";
        }
    }
}
