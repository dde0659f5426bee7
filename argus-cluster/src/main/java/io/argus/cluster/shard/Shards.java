package io.argus.cluster.shard;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * Cameras to shards: murmur2 of the camera id's UTF-8 bytes, modulo the shard count, which is Kafka's default
 * partitioner. So a message keyed by a camera id on a topic with {@link #count} partitions lands on the camera's
 * shard's partition. The count is fixed for a cluster's life: changing it moves most cameras.
 */
public record Shards(int count) {
    /**
     * Enough shards that each of 640 members (40 nodes, 16,000 cameras of capacity at 25 per member) holds six or
     * seven, so the ±1 shard of the uniform assignor is a small part of a node's share (docs/cluster.md,
     * "Placement": max/mean load 1.16 against 1.30 with 1024). A partition with no data costs a broker little.
     */
    public static final int DEFAULT_COUNT = 4096;

    public Shards {
        if (count < 1) {
            throw new IllegalArgumentException("shard count must be at least 1: " + count);
        }
    }

    public int shardOf(String cameraId) {
        return Utils.toPositive(Utils.murmur2(cameraId.getBytes(StandardCharsets.UTF_8))) % count;
    }
}
