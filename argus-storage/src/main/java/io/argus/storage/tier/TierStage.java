package io.argus.storage.tier;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A warm or cold stage of a {@link TierPolicy}: the object-storage target its chunks go to, their storage class,
 * and whether their video is re-encoded on the way in.
 *
 * @param target       a configured target's name
 * @param storageClass an S3 storage class ({@code STANDARD}, {@code STANDARD_IA}, {@code GLACIER_IR},
 *                     {@code GLACIER}, {@code DEEP_ARCHIVE} …), upper case
 * @param reencode     the re-encode of chunks moving into the stage (not of chunks already converted), or null
 */
public record TierStage(String target, String storageClass, TierReencode reencode) {
    /**
     * Classes whose objects must be restored before they can be read (S3 Glacier Flexible Retrieval and Deep
     * Archive). Glacier Instant Retrieval ({@code GLACIER_IR}) is an archive price with millisecond reads: no
     * restore.
     */
    public static final Set<String> RESTORE_CLASSES = Set.of("GLACIER", "DEEP_ARCHIVE");

    private static final Pattern CLASS = Pattern.compile("[A-Z][A-Z0-9_]{1,31}");

    public TierStage {
        Objects.requireNonNull(target, "target");
        storageClass = storageClass == null ? "STANDARD" : storageClass.toUpperCase(Locale.ROOT);
        if (!CLASS.matcher(storageClass).matches()) {
            throw new IllegalArgumentException("not a storage class: " + storageClass);
        }
    }

    /** A stage that stores chunks as they are. */
    public TierStage(String target, String storageClass) {
        this(target, storageClass, null);
    }

    /** True if objects of this class need a restore before they can be read. */
    public static boolean needsRestore(String storageClass) {
        return storageClass != null && RESTORE_CLASSES.contains(storageClass);
    }
}
