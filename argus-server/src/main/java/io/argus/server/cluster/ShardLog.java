package io.argus.server.cluster;

import io.argus.cluster.shard.ShardListener;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs this node's shard changes. It is where ingest and recording will follow the shards (issue 10, failover):
 * start a shard's cameras on assignment with its epoch as the fence, release them on revocation, drop them at once
 * when lost. Until then every node ingests every camera, as one node does.
 */
public final class ShardLog implements ShardListener {
    private static final Logger LOG = LoggerFactory.getLogger(ShardLog.class);

    @Override
    public void onShardsAssigned(Set<Integer> shards, long epoch) {
        LOG.info("shards assigned in epoch {}: {}", epoch, shards.size());
    }

    @Override
    public void onShardsRevoked(Set<Integer> shards, long epoch) {
        LOG.info("shards revoked (epoch {}): {}", epoch, shards.size());
    }

    @Override
    public void onShardsLost(Set<Integer> shards, long epoch) {
        LOG.warn("shards lost without a hand-over (epoch {}): {}", epoch, shards.size());
    }
}
