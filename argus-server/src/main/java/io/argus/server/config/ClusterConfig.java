package io.argus.server.config;

import java.time.Duration;

/**
 * Cluster mode (docs/cluster.md): empty {@code kafka} is the embedded single node.
 *
 * @param kafka         Kafka bootstrap servers; empty: one node, in-process bus
 * @param node          this node's name; empty: the host name
 * @param capacity      cameras this node can take
 * @param shards        the cluster's shard count
 * @param advertisedUrl how others reach this node's HTTP API; empty: {@code http://<host name>:<HTTP port>}
 * @param secret        the key of node-to-node tokens; required (32 characters or more) in a cluster
 * @param relayIdle     how long a live relay from another node outlives its last viewer
 */
public record ClusterConfig(String kafka, String node, int capacity, int shards, String advertisedUrl, String secret,
                            Duration relayIdle) {
    /** HMAC-SHA256's strength needs 32 bytes of key; a shorter secret is a guessable one. */
    public static final int MIN_SECRET_LENGTH = 32;

    public ClusterConfig {
        if (capacity < 1) {
            throw new ConfigException("cluster.capacity must be at least 1 camera, not " + capacity);
        }
        if (shards < 1) {
            throw new ConfigException("cluster.shards must be at least 1, not " + shards);
        }
        if (!kafka.isBlank() && secret.length() < MIN_SECRET_LENGTH) {
            // Nodes trust each other's tokens: no secret, or a short one, and anyone could mint them.
            throw new ConfigException("cluster.secret (ARGUS_CLUSTER_SECRET) must be set to the same secret of at "
                    + "least " + MIN_SECRET_LENGTH + " characters on every node of a cluster, "
                    + (secret.isEmpty() ? "and is not set" : "not " + secret.length()));
        }
        if (relayIdle.isNegative()) {
            throw new ConfigException("cluster.relayIdle must not be negative, not " + relayIdle);
        }
    }

    public boolean clustered() {
        return !kafka.isBlank();
    }
}
