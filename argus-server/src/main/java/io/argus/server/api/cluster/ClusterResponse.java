package io.argus.server.api.cluster;

import java.util.List;

/**
 * {@code GET /api/v1/cluster}.
 *
 * @param shards     the cluster's shard count
 * @param generation the newest group epoch among the shards this node owns (1 for a single node)
 */
public record ClusterResponse(List<Node> nodes, int shards, long generation) {
    /**
     * @param state    {@code up}, {@code stopped} or {@code unreachable} (not heard for 3 s)
     * @param cameras  cameras in the shards the node owns
     * @param capacity cameras it can take
     * @param load     cameras / capacity
     */
    public record Node(String name, String url, String state, int cameras, int capacity, double load) {
    }
}
