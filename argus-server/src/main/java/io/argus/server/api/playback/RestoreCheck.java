package io.argus.server.api.playback;

import java.time.Instant;
import java.util.UUID;

/**
 * Refuses a range of a camera's recordings that holds chunks in an archive storage class not restored yet: throws
 * the 409 {@code restore_needed} naming them. The storage capability answers it; playback only asks.
 */
@FunctionalInterface
public interface RestoreCheck {
    void requireReadable(UUID tenant, UUID camera, Instant from, Instant to);
}
