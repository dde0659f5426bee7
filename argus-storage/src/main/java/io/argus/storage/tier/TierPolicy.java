package io.argus.storage.tier;

import io.argus.storage.chunk.Placement;
import io.argus.storage.chunk.Tier;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Where a camera's chunks live as they age: hot (local volumes) for {@code hotDays}; then warm for
 * {@code warmDays} if a warm stage is set; then cold if a cold stage is set; deleted {@code deleteAfterDays} after
 * they were recorded (bookmarked ones stay). Region pinning: every stage's target must be in {@code region}, which
 * the service checks against the configured targets when a policy is saved, and the mover again before every copy.
 *
 * @param region the one region the camera's video may be written to outside the node
 */
public record TierPolicy(UUID id, UUID tenant, String name, String region, int hotDays, TierStage warm,
                         int warmDays, TierStage cold, int deleteAfterDays) {
    /** Ten years: the longest any stage may last. */
    public static final int MAX_DAYS = 3650;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._ -]{0,63}");

    public TierPolicy {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be 1-64 letters, digits, '.', '_', '-' or spaces");
        }
        if ((warm != null || cold != null) && (region == null || region.isBlank())) {
            throw new IllegalArgumentException("region is required when a warm or cold stage is set");
        }
        check("hotDays", hotDays, 0);
        check("warmDays", warmDays, 0);
        check("deleteAfterDays", deleteAfterDays, 1);
        if (warm == null && warmDays != 0) {
            throw new IllegalArgumentException("warmDays needs a warm stage");
        }
        if (warm != null && warmDays < 1 && cold != null) {
            throw new IllegalArgumentException("warmDays must be at least 1 before a cold stage");
        }
        if (deleteAfterDays <= hotDays + warmDays) {
            throw new IllegalArgumentException("deleteAfterDays must be more than hotDays + warmDays");
        }
    }

    private static void check(String field, int days, int min) {
        if (days < min || days > MAX_DAYS) {
            throw new IllegalArgumentException(field + " must be " + min + ".." + MAX_DAYS);
        }
    }

    /**
     * The next tier a chunk of {@code tier} goes to and the age at which it does, or null if it stays there until
     * deletion.
     */
    public Step next(Tier tier) {
        return switch (tier) {
            case HOT -> warm != null ? new Step(placement(Tier.WARM, warm), Duration.ofDays(hotDays))
                    : cold != null ? new Step(placement(Tier.COLD, cold), Duration.ofDays(hotDays)) : null;
            case WARM -> warm != null && cold != null
                    ? new Step(placement(Tier.COLD, cold), Duration.ofDays((long) hotDays + warmDays)) : null;
            case COLD -> null;
        };
    }

    private static Placement placement(Tier tier, TierStage s) {
        return new Placement(s.target(), tier, s.storageClass());
    }

    public Duration maxAge() {
        return Duration.ofDays(deleteAfterDays);
    }

    /**
     * A move a policy asks for.
     *
     * @param age chunks that ended longer ago than this go
     */
    public record Step(Placement to, Duration age) {
        public Instant endedBy(Instant now) {
            return now.minus(age);
        }
    }
}
