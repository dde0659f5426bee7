package io.argus.storage.retention;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a camera's recordings are kept.
 *
 * @param maxAge chunks that ended longer ago than this are deleted, unless a bookmark protects them
 */
public record RetentionPolicy(Duration maxAge) {
    public RetentionPolicy {
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive: " + maxAge);
        }
    }
}
