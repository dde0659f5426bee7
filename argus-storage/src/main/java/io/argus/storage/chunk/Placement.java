package io.argus.storage.chunk;

import java.util.Objects;

/**
 * Where a copy of a chunk goes ({@link SegmentStore#put}): a store target and the tier it serves there.
 *
 * @param target       the name of the store target: {@link #LOCAL} for the local volumes, else an object-storage
 *                     target's configured name
 * @param tier         the tier the copy belongs to (part of an object key, so warm and cold copies in one bucket
 *                     never overwrite each other)
 * @param storageClass the object storage class ({@code STANDARD_IA}, {@code GLACIER_IR}, {@code DEEP_ARCHIVE} …),
 *                     or null for the target's default; ignored on local disk
 */
public record Placement(String target, Tier tier, String storageClass) {
    /** The target name of the local volumes (the hot tier). */
    public static final String LOCAL = "local";

    /** The hot tier on the local volumes. */
    public static final Placement HOT = new Placement(LOCAL, Tier.HOT, null);

    public Placement {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(tier, "tier");
        if (target.equals(LOCAL) != (tier == Tier.HOT)) {
            throw new IllegalArgumentException("the hot tier is the local volumes, and only it: " + target + "/"
                    + tier);
        }
    }
}
