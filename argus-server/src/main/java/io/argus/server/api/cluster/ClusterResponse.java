package io.argus.server.api.cluster;

import java.util.List;

/**
 * {@code GET /api/v1/cluster}.
 *
 * @param shards     the cluster's shard count
 * @param generation the newest group epoch among the shards this node owns (1 for a single node)
 * @param scaleHint  {@code argus_cluster_scale_hint}: +1 the cluster wants a node more, -1 one less, else 0
 */
public record ClusterResponse(List<Node> nodes, int shards, long generation, int scaleHint) {
    /**
     * @param state    {@code up}, {@code stopped} or {@code unreachable} (not heard for 3 s)
     * @param cameras  cameras in the shards the node owns
     * @param capacity cameras it can take
     * @param load     cameras / capacity
     * @param shards   shards it owns
     * @param version  the Argus version it runs (null from a node too old to say)
     */
    public record Node(String name, String url, String state, int cameras, int capacity, double load, int shards,
                       String version) {
    }
}
