package io.argus.cluster.bus;

import java.time.Duration;
import java.util.Objects;

/**
 * How a node talks to Kafka for its bus.
 *
 * @param bootstrapServers {@code host:port[,host:port…]}
 * @param clientId         the node's name, prefixing every client's id (so the broker's logs and metrics say which
 *                         node a consumer is)
 * @param partitions       partitions per topic when this node creates it: the most members of one group that can
 *                         share a topic's work
 * @param maxAttempts      handler attempts before the dead-letter topic
 * @param joinTimeout      how long {@link EventBus#subscribe} waits for the group to give the member its share
 */
public record KafkaBusConfig(String bootstrapServers, String clientId, int partitions, int maxAttempts,
        Duration joinTimeout) {
    /** Partitions per topic by default: room for 12 members per group, cheap for a broker. */
    public static final int DEFAULT_PARTITIONS = 12;
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    /** A join takes one or two heartbeats (250 ms each with the cluster's settings); 30 s covers a slow broker. */
    public static final Duration DEFAULT_JOIN_TIMEOUT = Duration.ofSeconds(30);

    public KafkaBusConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(clientId, "clientId");
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers is empty");
        }
        if (partitions < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("partitions and maxAttempts must be at least 1");
        }
    }

    public KafkaBusConfig(String bootstrapServers, String clientId) {
        this(bootstrapServers, clientId, DEFAULT_PARTITIONS, DEFAULT_MAX_ATTEMPTS, DEFAULT_JOIN_TIMEOUT);
    }
}
