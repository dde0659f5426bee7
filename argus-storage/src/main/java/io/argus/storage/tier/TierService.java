package io.argus.storage.tier;

import io.argus.storage.chunk.Tier;
import io.argus.storage.s3.S3SegmentStore;
import io.argus.storage.s3.S3TargetConfig;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The tier operations a node offers, whoever asks (the API today): policies checked against the targets (region
 * pinning), their assignment to cameras and as a tenant's default, restores and promotions of a camera's range,
 * "restore needed" for playback, usage and cost, the mover's status and a pass on demand. It knows nothing about
 * HTTP or the node's configuration: the server builds it from both and runs the mover on its schedule.
 *
 * <p>Refusals are {@link TierException}s; a policy that breaks its own rules is refused by {@link TierPolicy}
 * itself with an {@link IllegalArgumentException}.
 */
public final class TierService {
    /** The longest range one restore or promotion takes: a month of one camera (43,200 one-minute chunks). */
    public static final Duration MAX_RANGE = Duration.ofDays(31);
    /** How long a restore keeps its copy readable, and a promotion its window hot, unless asked otherwise. */
    public static final int DEFAULT_DAYS = 7;
    /** The most days one restore or promotion asks for: a year, after which the policy's stages apply again. */
    public static final int MAX_DAYS = 365;

    private final TierIndex index;
    private final Map<String, S3SegmentStore> targets;
    private final TierMover mover;
    private final Map<Tier, TierPrice> prices;
    private final Clock clock;
    private final Runnable passSoon;
    private final Instant started;

    /**
     * @param targets  the object-storage targets by name, in configuration order
     * @param mover    the mover over the same index and targets
     * @param prices   per tier; a tier without one is free
     * @param passSoon asks the mover for a pass on its own thread, soon (after a promotion plans moves)
     */
    public TierService(TierIndex index, Map<String, S3SegmentStore> targets, TierMover mover,
                       Map<Tier, TierPrice> prices, Clock clock, Runnable passSoon) {
        this.index = index;
        this.targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets));
        this.mover = mover;
        this.prices = Map.copyOf(prices);
        this.clock = clock;
        this.passSoon = passSoon;
        this.started = clock.instant();
    }

    /** The configured targets, in configuration order. */
    public List<S3TargetConfig> targets() {
        return targets.values().stream().map(S3SegmentStore::config).toList();
    }

    public MoverStatus status() {
        return mover.status();
    }

    /** Runs a mover pass now (waits for a running one) and returns its status. */
    public MoverStatus runNow() {
        return mover.pass();
    }

    public List<TierPolicy> policies(UUID tenant) {
        return index.policies(tenant);
    }

    public Optional<TierPolicy> policy(UUID tenant, UUID id) {
        return index.policy(tenant, id);
    }

    /** Saves a new policy once its stages name configured targets in its region. */
    public void createPolicy(TierPolicy p) {
        validate(p);
        try {
            index.createPolicy(p);
        } catch (IllegalArgumentException e) {
            throw TierException.conflict(e.getMessage());
        }
    }

    /** Replaces a policy (same id and tenant) once its stages name configured targets in its region. */
    public void updatePolicy(TierPolicy p) {
        validate(p);
        boolean found;
        try {
            found = index.updatePolicy(p);
        } catch (IllegalArgumentException e) {
            throw TierException.conflict(e.getMessage());
        }
        if (!found) {
            throw TierException.notFound(p.id());
        }
    }

    /** Deletes a policy; cameras and the tenant default that named it have none afterwards. */
    public void deletePolicy(UUID tenant, UUID id) {
        if (!index.deletePolicy(tenant, id)) {
            throw TierException.notFound(id);
        }
    }

    public Optional<UUID> tenantDefault(UUID tenant) {
        return index.tenantDefault(tenant);
    }

    /** Sets the tenant's default policy (one of its own); null removes it. */
    public void setTenantDefault(UUID tenant, UUID policy) {
        requireExists(tenant, policy);
        index.setTenantDefault(tenant, policy);
    }

    public Optional<UUID> assigned(UUID tenant, UUID camera) {
        return index.assigned(tenant, camera);
    }

    /** Assigns one of the tenant's policies to a camera; null removes it (the tenant default applies). */
    public void assign(UUID tenant, UUID camera, UUID policy) {
        requireExists(tenant, policy);
        index.assign(tenant, camera, policy);
    }

    private void requireExists(UUID tenant, UUID policy) {
        if (policy != null && index.policy(tenant, policy).isEmpty()) {
            throw TierException.noSuchPolicy(policy.toString());
        }
    }

    /** The policy's deletion age for a camera that has one; retention uses it instead of the camera's days. */
    public Optional<Duration> retentionFor(UUID tenant, UUID camera) {
        return index.policyFor(tenant, camera).map(TierPolicy::maxAge);
    }

    /** Region pinning: each stage's target is configured and lies in the policy's region. */
    private void validate(TierPolicy p) {
        Map<String, TierStage> stages = new LinkedHashMap<>();
        if (p.warm() != null) {
            stages.put("warm", p.warm());
        }
        if (p.cold() != null) {
            stages.put("cold", p.cold());
        }
        for (Map.Entry<String, TierStage> e : stages.entrySet()) {
            S3SegmentStore s = targets.get(e.getValue().target());
            if (s == null) {
                throw TierException.invalid(e.getKey() + ".target: no storage target '" + e.getValue().target()
                        + "' is configured (storage.s3.targets)");
            }
            if (!s.config().region().equals(p.region())) {
                throw TierException.invalid(e.getKey() + ".target: target '" + e.getValue().target()
                        + "' is in region " + s.config().region() + ", and the policy is pinned to " + p.region());
            }
        }
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

    /** Refuses a range to read that holds chunks needing a restore, naming them. */
    public void requireReadable(UUID tenant, UUID camera, Instant from, Instant to) {
        List<TieredChunk> need = restoreNeeded(tenant, camera, from, to);
        if (!need.isEmpty()) {
            throw TierException.restoreNeeded(need.stream().map(TieredChunk::chunk).toList());
        }
    }

    /** Asks for the chunks of the range in an archive class to be readable for {@code days}. */
    public Restores.Result restore(UUID tenant, UUID camera, Instant from, Instant to, int days) throws IOException {
        checkDays(days);
        return Restores.request(index, targets, clock, tenant, camera, from, to, days);
    }

    /**
     * Holds the range hot for {@code days}: plans moves back to hot and runs a mover pass soon, so the window
     * comes back without waiting for the schedule.
     *
     * @throws TierException {@link TierException.Reason#RESTORE_NEEDED} if chunks of the range must be restored
     *                       first (the others are promoted all the same)
     */
    public Promotions.Result promote(UUID tenant, UUID camera, Instant from, Instant to, int days) {
        checkDays(days);
        Instant now = clock.instant();
        Promotions.Result r = Promotions.promote(index, tenant, camera, from, to, now, now.plus(Duration.ofDays(days)));
        if (!r.planned().isEmpty()) {
            passSoon.run();
        }
        if (!r.restoreNeeded().isEmpty()) {
            throw TierException.restoreNeeded(r.restoreNeeded());
        }
        return r;
    }

    /**
     * Brings the range back hot if any of it has moved to object storage, held hot until {@code hotUntil}: what an
     * event does for its recording window. A range all hot is left as it is (one index read, no write).
     *
     * @return the promotion, or empty if nothing had moved; chunks that need a restore first are in its
     *         {@link Promotions.Result#restoreNeeded()}, not thrown
     */
    public Optional<Promotions.Result> promoteMoved(UUID tenant, UUID camera, Instant from, Instant to,
                                                    Instant hotUntil) {
        if (targets.isEmpty() || index.tiered(tenant, camera, from, to).stream()
                .allMatch(t -> t.chunk().tier() == Tier.HOT)) {
            return Optional.empty();
        }
        Promotions.Result r = Promotions.promote(index, tenant, camera, from, to, clock.instant(), hotUntil);
        if (!r.planned().isEmpty()) {
            passSoon.run();
        }
        return Optional.of(r);
    }

    private static void checkDays(int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw invalidDays();
        }
    }

    /** The refusal of a number of days outside 1..{@value #MAX_DAYS} (or not a number). */
    public static TierException invalidDays() {
        return TierException.invalid("days must be 1.." + MAX_DAYS, "days", "1.." + MAX_DAYS);
    }

    /** Bytes and chunks per camera and tier, and the projected monthly cost. */
    public UsageReport usage(UUID tenant) {
        Map<Tier, Long> requests = new EnumMap<>(Tier.class);
        for (Tier t : Tier.values()) {
            long n = 0;
            for (S3SegmentStore s : targets.values()) {
                n += s.requests(t);
            }
            requests.put(t, n);
        }
        return UsageReport.of(index.usage(tenant), prices, requests, Duration.between(started, clock.instant()));
    }
}
