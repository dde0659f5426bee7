package io.argus.server.config;

/**
 * Cluster mode (docs/cluster.md): empty {@code kafka} is the embedded single node.
 *
 * @param kafka         Kafka bootstrap servers; empty: one node, in-process bus
 * @param node          this node's name; empty: the host name
 * @param capacity      cameras this node can take
 * @param shards        the cluster's shard count
 * @param advertisedUrl how others reach this node's HTTP API; empty: {@code http://<host name>:<HTTP port>}
 */
public record ClusterConfig(String kafka, String node, int capacity, int shards, String advertisedUrl) {
    public ClusterConfig {
        if (capacity < 1) {
            throw new ConfigException("cluster.capacity must be at least 1 camera, not " + capacity);
        }
        if (shards < 1) {
            throw new ConfigException("cluster.shards must be at least 1, not " + shards);
        }
    }

    public boolean clustered() {
        return !kafka.isBlank();
    }
}
