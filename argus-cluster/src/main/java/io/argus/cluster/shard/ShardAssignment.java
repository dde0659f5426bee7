package io.argus.cluster.shard;

import java.util.Map;

/**
 * This node's share of the shards. Two implementations: {@link LocalShardAssignment} (one embedded node owns all)
 * and {@link KafkaShardAssignment} (a cluster: a Kafka consumer group decides).
 */
public interface ShardAssignment extends AutoCloseable {
    /** Joins (or takes everything, alone) and starts telling the listener. */
    void start();

    Shards shards();

    /** The shards this node owns now, each with the epoch it was assigned in. */
    Map<Integer, Long> owned();

    /** Group members this node runs: its declared capacity in the group's currency. */
    int members();

    /** Leaves gracefully: every shard revoked through the listener before others take it. */
    @Override
    void close();
}
