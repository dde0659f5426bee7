package io.argus.cluster.shard;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.Metric;

/**
 * When the group coordinator last answered one consumer's heartbeats, on this JVM's monotonic clock. The signal is
 * the consumer's {@code heartbeat-total} metric ({@code consumer-coordinator-metrics}): the KIP-848 consumer counts
 * a heartbeat there when its response arrives (HeartbeatMetricsManager.recordRequestLatency), and not when the
 * request fails or gets no answer. The other heartbeat metrics do not fit: {@code last-heartbeat-seconds-ago}
 * counts from the last heartbeat <em>sent</em>, in whole seconds, and a rebalance listener sees no heartbeats.
 * Read on the member's thread, after each poll.
 */
final class CoordinatorAnswers {
    private static final String GROUP = "consumer-coordinator-metrics";
    private static final String NAME = "heartbeat-total";

    private final Consumer<?, ?> consumer;
    private Metric total;
    private double lastTotal;
    private long lastNanos = System.nanoTime();

    CoordinatorAnswers(Consumer<?, ?> consumer) {
        this.consumer = consumer;
    }

    /** Nanoseconds since the coordinator last answered (since this object was made, before any answer). */
    long sinceLastNanos() {
        long now = System.nanoTime();
        double t = total();
        if (t != lastTotal) {
            lastTotal = t;
            lastNanos = now;
        }
        return now - lastNanos;
    }

    /**
     * The metric is registered with the consumer's heartbeat manager; until then nothing was answered. Were a
     * future client to drop it, the count would stay 0 and a member would fence itself as soon as it held
     * shards: loud, and never two recorders.
     */
    private double total() {
        if (total == null) {
            consumer.metrics().forEach((name, metric) -> {
                if (NAME.equals(name.name()) && GROUP.equals(name.group())) {
                    total = metric;
                }
            });
            if (total == null) {
                return 0;
            }
        }
        return ((Number) total.metricValue()).doubleValue();
    }
}
