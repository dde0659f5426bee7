package io.argus.server.storage;

import io.argus.metadata.JdbcTierIndex;
import io.argus.server.config.StorageConfig;
import io.argus.storage.chunk.Tier;
import io.argus.storage.chunk.VolumeStore;
import io.argus.storage.s3.S3SegmentStore;
import io.argus.storage.s3.S3TargetConfig;
import io.argus.storage.tier.MoverStatus;
import io.argus.storage.tier.Promotions;
import io.argus.storage.tier.Restores;
import io.argus.storage.tier.TierIndex;
import io.argus.storage.tier.TierMover;
import io.argus.storage.tier.TierPolicy;
import io.argus.storage.tier.TierStage;
import io.argus.storage.tier.TieredChunk;
import io.argus.storage.tier.TieredSegmentStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's storage tiers: the targets, the tiered store every other part reads and writes through, the mover on
 * its schedule, and the operations the API offers (policies, restores, promotions, usage and cost).
 */
public final class TierService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TierService.class);

    private final StorageConfig config;
    private final Map<String, S3SegmentStore> targets;
    private final VolumeStore store;
    private final JdbcTierIndex index;
    private final TierMover mover;
    private final Clock clock;
    private final Instant started;
    private ScheduledExecutorService schedule;

    /**
     * Opens the targets (no request is made) and puts them behind one store with the local volumes.
     *
     * @param layer what every read and write passes through on top of the tiers (encryption): the mover copies
     *              through it too, so what it verifies is what playback reads
     */
    public TierService(StorageConfig config, VolumeStore local, DataSource ds, Clock clock,
                       UnaryOperator<VolumeStore> layer) {
        this.config = config;
        this.clock = clock;
        this.started = clock.instant();
        Map<String, S3SegmentStore> t = new LinkedHashMap<>();
        for (StorageConfig.Target c : config.targets()) {
            t.put(c.name(), S3SegmentStore.open(new S3TargetConfig(c.name(), c.endpoint(), c.region(), c.bucket(),
                    c.prefix(), c.pathStyle(), c.accessKey(), c.secretKey(), c.partSize())));
        }
        this.targets = Map.copyOf(t);
        this.store = layer.apply(new TieredSegmentStore(local, targets));
        this.index = new JdbcTierIndex(ds);
        this.mover = new TierMover(store, index, targets, clock, TierMover.Hook.NONE);
    }

    /** Runs the mover every configured interval, the first pass at once. */
    public void start() {
        schedule = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("argus-tier-mover").daemon()
                .factory());
        long ms = config.moverInterval().toMillis();
        schedule.scheduleWithFixedDelay(this::passQuietly, 0, ms, TimeUnit.MILLISECONDS);
    }

    private void passQuietly() {
        try {
            mover.pass();
        } catch (RuntimeException e) {
            LOG.warn("tier mover pass failed: {}", e.toString());
        }
    }

    /** Runs a mover pass now (waits for a running one) and returns its status. */
    public MoverStatus runNow() {
        return mover.pass();
    }

    public MoverStatus status() {
        return mover.status();
    }

    /** Every tier behind one store: what recording, playback and retention use. */
    public VolumeStore store() {
        return store;
    }

    public TierIndex index() {
        return index;
    }

    /** The configured targets and their regions, in configuration order. */
    public List<StorageConfig.Target> targets() {
        return config.targets();
    }

    /** The policy's deletion age for a camera that has one; retention uses it instead of the camera's days. */
    public Optional<Duration> retentionFor(UUID tenant, UUID camera) {
        return index.policyFor(tenant, camera).map(TierPolicy::maxAge);
    }

    /**
     * Checks a policy against the configured targets: each stage's target exists and lies in the policy's region.
     *
     * @throws IllegalArgumentException naming the field and the problem
     */
    public void validate(TierPolicy p) {
        for (Map.Entry<String, TierStage> e : stages(p).entrySet()) {
            S3SegmentStore s = targets.get(e.getValue().target());
            if (s == null) {
                throw new IllegalArgumentException(e.getKey() + ".target: no storage target '"
                        + e.getValue().target() + "' is configured (storage.s3.targets)");
            }
            if (!s.config().region().equals(p.region())) {
                throw new IllegalArgumentException(e.getKey() + ".target: target '" + e.getValue().target()
                        + "' is in region " + s.config().region() + ", and the policy is pinned to " + p.region());
            }
        }
    }

    private static Map<String, TierStage> stages(TierPolicy p) {
        Map<String, TierStage> m = new LinkedHashMap<>();
        if (p.warm() != null) {
            m.put("warm", p.warm());
        }
        if (p.cold() != null) {
            m.put("cold", p.cold());
        }
        return m;
    }

    /** Chunks of a camera's range that need a restore before they can be read. */
    public List<TieredChunk> restoreNeeded(UUID tenant, UUID camera, Instant from, Instant to) {
        Instant now = clock.instant();
        List<TieredChunk> out = new ArrayList<>();
        for (TieredChunk t : index.tiered(tenant, camera, from, to)) {
            if (t.restoreNeeded(now)) {
                out.add(t);
            }
        }
        return out;
    }

    public Restores.Result restore(UUID tenant, UUID camera, Instant from, Instant to, int days) throws IOException {
        return Restores.request(index, targets, clock, tenant, camera, from, to, days);
    }

    /** Plans the promotion and runs a mover pass at once on the mover's thread, so the window comes back soon. */
    public Promotions.Result promote(UUID tenant, UUID camera, Instant from, Instant to, Instant hotUntil) {
        Promotions.Result r = Promotions.promote(index, tenant, camera, from, to, clock.instant(), hotUntil);
        if (schedule != null && !r.planned().isEmpty()) {
            schedule.execute(this::passQuietly);
        }
        return r;
    }

    /** Bytes and chunks per camera and tier, and the projected monthly cost. */
    public UsageReport usage(UUID tenant) {
        Map<Tier, Long> requests = new java.util.EnumMap<>(Tier.class);
        for (Tier t : Tier.values()) {
            long n = 0;
            for (S3SegmentStore s : targets.values()) {
                n += s.requests(t);
            }
            requests.put(t, n);
        }
        return UsageReport.of(index.usage(tenant), config.prices(), requests,
                Duration.between(started, clock.instant()));
    }

    /** Registers the backlog and alert gauges. */
    public void bindMetrics(MeterRegistry registry) {
        Gauge.builder("argus.storage.tier.backlog.chunks", this, s -> s.status().backlogChunks())
                .description("Chunks due to move between tiers that have not moved yet").register(registry);
        Gauge.builder("argus.storage.tier.backlog.bytes", this, s -> s.status().backlogBytes())
                .description("Bytes of chunks due to move between tiers that have not moved yet").register(registry);
        Gauge.builder("argus.storage.tier.alert", this, s -> s.status().alert() ? 1 : 0)
                .description("1 while chunks wait to move and an object-storage target is failing")
                .register(registry);
        for (String name : targets.keySet()) {
            Gauge.builder("argus.storage.target.failing", this,
                            s -> s.status().failingTargets().contains(name) ? 1 : 0)
                    .tag("target", name.toLowerCase(Locale.ROOT))
                    .description("1 while the target's last request failed").register(registry);
        }
    }

    @Override
    public void close() {
        if (schedule != null) {
            schedule.shutdownNow();
            try {
                schedule.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
