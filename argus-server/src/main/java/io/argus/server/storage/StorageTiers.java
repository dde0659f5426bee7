package io.argus.server.storage;

import io.argus.media.reencode.FfmpegChunkReencoder;
import io.argus.metadata.JdbcTierIndex;
import io.argus.metadata.TenantScope;
import io.argus.server.config.StorageConfig;
import io.argus.storage.chunk.Tier;
import io.argus.storage.chunk.VolumeStore;
import io.argus.storage.s3.S3SegmentStore;
import io.argus.storage.s3.S3TargetConfig;
import io.argus.storage.tier.ChunkConverter;
import io.argus.storage.tier.TierMover;
import io.argus.storage.tier.TierPrice;
import io.argus.storage.tier.TierService;
import io.argus.storage.tier.TieredSegmentStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's storage tiers, wired: the targets from the configuration, the tiered store every other part reads
 * and writes through, the JDBC tier index, the mover on its schedule and the tier metrics. The operations the API
 * offers are the {@link TierService}'s.
 */
public final class StorageTiers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StorageTiers.class);

    private final StorageConfig config;
    private final VolumeStore store;
    private final TierMover mover;
    private final TierService service;
    private volatile ScheduledExecutorService schedule;

    /**
     * Opens the targets (no request is made) and puts them behind one store with the local volumes.
     *
     * @param layer what every read and write passes through on top of the tiers (encryption): the mover copies
     *              through it too, so what it verifies is what playback reads
     */
    public StorageTiers(StorageConfig config, VolumeStore local, DataSource ds, Clock clock,
                        UnaryOperator<VolumeStore> layer) {
        this.config = config;
        Map<String, S3SegmentStore> targets = new LinkedHashMap<>();
        for (StorageConfig.Target c : config.targets()) {
            targets.put(c.name(), S3SegmentStore.open(new S3TargetConfig(c.name(), c.endpoint(), c.region(),
                    c.bucket(), c.prefix(), c.pathStyle(), c.accessKey(), c.secretKey(), c.partSize())));
        }
        this.store = layer.apply(new TieredSegmentStore(local, targets));
        JdbcTierIndex index = new JdbcTierIndex(ds);
        this.mover = new TierMover(store, index, targets, clock, TierMover.Hook.NONE,
                FfmpegChunkReencoder.available() ? new FfmpegChunkConverter(config.reencode()) : ChunkConverter.NONE);
        this.service = new TierService(index, targets, mover, prices(config), clock, this::passSoon);
    }

    private static Map<Tier, TierPrice> prices(StorageConfig config) {
        Map<Tier, TierPrice> out = new EnumMap<>(Tier.class);
        for (Tier t : Tier.values()) {
            StorageConfig.Price p = config.prices().get(t.name().toLowerCase(Locale.ROOT));
            if (p != null) {
                out.put(t, new TierPrice(p.perGbMonth(), p.per1000Requests()));
            }
        }
        return out;
    }

    /** Runs the mover every configured interval, the first pass at once. */
    public void start() {
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .name("argus-tier-mover").daemon().factory());
        schedule = s;
        s.scheduleWithFixedDelay(this::passQuietly, 0, config.moverInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A pass on the mover's thread, if it runs (the offline commands never start it). */
    private void passSoon() {
        ScheduledExecutorService s = schedule;
        if (s != null) {
            s.execute(this::passQuietly);
        }
    }

    private void passQuietly() {
        try {
            // Moves every tenant's chunks: system work, on a thread that serves no request.
            TenantScope.system(() -> {
                mover.pass();
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("tier mover pass failed: {}", e.toString());
        }
    }

    /** Every tier behind one store: what recording, playback and retention use. */
    public VolumeStore store() {
        return store;
    }

    /** Policies, restores, promotions, usage: what the API offers. */
    public TierService service() {
        return service;
    }

    /** Registers the backlog and alert gauges. */
    public void bindMetrics(MeterRegistry registry) {
        Gauge.builder("argus.storage.tier.backlog.chunks", mover, m -> m.status().backlogChunks())
                .description("Chunks due to move between tiers that have not moved yet").register(registry);
        Gauge.builder("argus.storage.tier.backlog.bytes", mover, m -> m.status().backlogBytes())
                .description("Bytes of chunks due to move between tiers that have not moved yet").register(registry);
        Gauge.builder("argus.storage.tier.alert", mover, m -> m.status().alert() ? 1 : 0)
                .description("1 while chunks wait to move and an object-storage target is failing")
                .register(registry);
        Gauge.builder("argus.storage.tier.conversions", mover, m -> m.status().conversions().converted())
                .description("Chunks re-encoded on their way into a tier with a reencode setting").register(registry);
        Gauge.builder("argus.storage.tier.conversion.failures", mover, m -> m.status().conversions().failed())
                .description("Chunks whose tier conversion failed and that moved as recorded").register(registry);
        for (StorageConfig.Target t : config.targets()) {
            Gauge.builder("argus.storage.target.failing", mover,
                            m -> m.status().failingTargets().contains(t.name()) ? 1 : 0)
                    .tag("target", t.name().toLowerCase(Locale.ROOT))
                    .description("1 while the target's last request failed").register(registry);
        }
    }

    @Override
    public void close() {
        ScheduledExecutorService s = schedule;
        if (s != null) {
            s.shutdownNow();
            try {
                s.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
