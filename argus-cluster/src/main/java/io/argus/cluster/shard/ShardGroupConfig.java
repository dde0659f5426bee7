package io.argus.cluster.shard;

import java.time.Duration;
import java.util.Objects;

/**
 * How a node joins the shard group.
 *
 * @param bootstrapServers Kafka's {@code host:port[,…]}
 * @param node             this node's name: its members' client ids start with it
 * @param capacity         cameras this node can take
 * @param shards           the cluster's shard count (the shards topic's partitions)
 * @param policy           capacity to members
 * @param group            the group and topic name, one per cluster
 * @param sessionTimeout   how long after its last heartbeat a member is declared dead, asked of the broker as the
 *                         group's {@code consumer.session.timeout.ms} (within the broker's min/max)
 * @param heartbeat        the group's {@code consumer.heartbeat.interval.ms}
 */
public record ShardGroupConfig(String bootstrapServers, String node, int capacity, Shards shards, MemberPolicy policy,
        String group, Duration sessionTimeout, Duration heartbeat) {
    public static final String DEFAULT_GROUP = "argus.shards";
    /** Measured: a dead member's shards move in ~1.1 s with 1000/250 (DEPENDENCIES.md, docs/cluster.md). */
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofMillis(1000);
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofMillis(250);

    public ShardGroupConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(shards, "shards");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(group, "group");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1 camera: " + capacity);
        }
        if (heartbeat.compareTo(sessionTimeout) >= 0) {
            throw new IllegalArgumentException("the heartbeat must be shorter than the session timeout");
        }
    }

    public ShardGroupConfig(String bootstrapServers, String node, int capacity) {
        this(bootstrapServers, node, capacity, new Shards(Shards.DEFAULT_COUNT), MemberPolicy.defaults(),
                DEFAULT_GROUP, DEFAULT_SESSION_TIMEOUT, DEFAULT_HEARTBEAT);
    }
}
