package io.argus.cluster.shard;

import java.util.Set;

/**
 * Told which shards this node owns. Called on the thread of the group member that got or lost them, one batch per
 * member; a slow callback holds up only that member's hand-over.
 *
 * <p>The {@code epoch} is the member epoch Kafka's group coordinator gave the member with this assignment. The
 * coordinator moves a shard only after its old owner revoked it, and each move comes with a newer group epoch, so
 * for one shard the epochs of its successive owners only grow: a recorder stores the epoch with each chunk and a
 * writer whose epoch is lower than the last one stored for the camera is fenced out (two recorders never write
 * one chunk).
 */
public interface ShardListener {
    /** These shards are now this node's: start ingesting and recording their cameras. */
    void onShardsAssigned(Set<Integer> shards, long epoch);

    /**
     * A graceful hand-over: release these shards' cameras now (close and index the open chunk, drop the
     * connection). The new owner gets them only after this returns.
     */
    void onShardsRevoked(Set<Integer> shards, long epoch);

    /**
     * This node lost these shards without handing them over (its session expired, or its member fenced itself when
     * the group coordinator stopped answering, e.g. cut off from Kafka):
     * another node may already own them, so stop at once. By default, the same as a revocation.
     */
    default void onShardsLost(Set<Integer> shards, long epoch) {
        onShardsRevoked(shards, epoch);
    }
}
