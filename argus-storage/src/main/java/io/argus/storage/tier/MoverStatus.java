package io.argus.storage.tier;

import java.time.Instant;
import java.util.Set;

/**
 * The mover's state after its last pass, for the API, metrics and the alert.
 *
 * @param backlogChunks  chunks due to move that have not (yet) moved
 * @param failingTargets targets whose last request failed (unreachable, refusing); chunks bound there wait
 * @param lastError      the last failure's message, or null
 * @param movedTotal     moves finished since start
 */
public record MoverStatus(long backlogChunks, long backlogBytes, Set<String> failingTargets, String lastError,
                          Instant lastErrorAt, Instant lastPassAt, long movedTotal) {
    public static final MoverStatus INITIAL = new MoverStatus(0, 0, Set.of(), null, null, null, 0);

    /** The alert: chunks wait to move and a target is failing. */
    public boolean alert() {
        return backlogChunks > 0 && !failingTargets.isEmpty();
    }
}
