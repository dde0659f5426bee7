package io.argus.storage.chunk;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One data directory of a {@link LocalSegmentStore}.
 *
 * @param name         the volume's name, the first segment of every location on it: renaming a volume orphans its
 *                     index rows, so it is fixed at configuration, not derived from the path (which may move)
 * @param dir          the directory; created if missing
 * @param maxBytes     the most its chunks may take. A soft limit: chunks being written when it is reached finish
 *                     (each overshoots by at most one chunk) and retention evicts the oldest unprotected ones
 * @param minFreeBytes space left free on the file system for everything else (logs, the database, other volumes
 *                     on the same disk); no new chunk starts below it
 */
public record LocalVolumeConfig(String name, Path dir, long maxBytes, long minFreeBytes) {
    /** Letters, digits, {@code _} and {@code -}: a location segment that needs no escaping in a path or a URL. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");

    public LocalVolumeConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dir, "dir");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("volume name must be 1-32 of [A-Za-z0-9_-], not starting with"
                    + " _ or -: " + name);
        }
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        if (minFreeBytes < 0) {
            throw new IllegalArgumentException("minFreeBytes must not be negative: " + minFreeBytes);
        }
        dir = dir.toAbsolutePath().normalize();
    }
}
