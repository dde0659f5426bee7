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
 * @param conversions    tier conversions: chunks re-encoded on their way into a stage, those that could not be (moved
 *                       unconverted), and the last failure's reason
 */
public record MoverStatus(long backlogChunks, long backlogBytes, Set<String> failingTargets, String lastError,
                          Instant lastErrorAt, Instant lastPassAt, long movedTotal, Conversions conversions) {
    public static final MoverStatus INITIAL = new MoverStatus(0, 0, Set.of(), null, null, null, 0,
            new Conversions(0, 0, 0, 0, null));

    /**
     * Re-encodes since start.
     *
     * @param converted     chunks moved as a converted copy
     * @param failed        chunks whose conversion failed and that moved as recorded (never lost)
     * @param bytesIn       recorded bytes of the converted chunks
     * @param bytesOut      their converted bytes: {@code 1 - bytesOut / bytesIn} is what conversion saved
     * @param lastFailure   why the last conversion failed, or null
     */
    public record Conversions(long converted, long failed, long bytesIn, long bytesOut, String lastFailure) {
    }

    /** The alert: chunks wait to move and a target is failing. */
    public boolean alert() {
        return backlogChunks > 0 && !failingTargets.isEmpty();
    }
}
