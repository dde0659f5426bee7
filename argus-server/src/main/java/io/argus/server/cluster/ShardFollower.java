package io.argus.server.cluster;

import io.argus.cluster.shard.ShardListener;
import io.argus.metadata.TenantScope;
import io.argus.server.camera.CameraService;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's {@link ShardListener}: ingest and recording follow the shards. Assigned shards' cameras start (their
 * sources pulled, their recorders fenced by the epoch); revoked ones are handed over (each open chunk closed and
 * indexed, then the connection dropped, before the new owner is let in); lost ones stop at once. The cameras'
 * settings are read in every tenant's scope: this runs on a shard member's thread, which serves no request.
 */
public final class ShardFollower implements ShardListener {
    private static final Logger LOG = LoggerFactory.getLogger(ShardFollower.class);

    private final CameraService cameras;

    public ShardFollower(CameraService cameras) {
        this.cameras = cameras;
    }

    @Override
    public void onShardsAssigned(Set<Integer> shards, long epoch) {
        int before = cameras.ingesting();
        TenantScope.system(() -> {
            cameras.takeOver(shards, epoch);
            return null;
        });
        LOG.info("shards assigned in epoch {}: {}; ingesting {} more cameras", epoch, shards.size(),
                cameras.ingesting() - before);
    }

    @Override
    public void onShardsRevoked(Set<Integer> shards, long epoch) {
        long t0 = System.nanoTime();
        int n = TenantScope.system(() -> cameras.release(shards, false));
        LOG.info("shards revoked (epoch {}): {}; {} cameras handed over (chunks closed and indexed, sources dropped) "
                + "in {} ms", epoch, shards.size(), n, (System.nanoTime() - t0) / 1_000_000);
    }

    @Override
    public void onShardsLost(Set<Integer> shards, long epoch) {
        int n = TenantScope.system(() -> cameras.release(shards, true));
        LOG.warn("shards lost without a hand-over (epoch {}): {}; {} cameras stopped", epoch, shards.size(), n);
    }
}
