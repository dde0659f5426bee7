package io.argus.storage.tier;

import io.argus.storage.chunk.ChunkConversion;
import io.argus.storage.chunk.Placement;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One chunk on its way between tiers: a row of the mover's state machine in the index. The chunk's index row keeps
 * its old location until {@link State#SWITCHED}; the source is deleted only after that.
 *
 * @param from       the chunk's location when the move was planned (its key in the move table)
 * @param sha256     the chunk's hash in the index, which the copy must match
 * @param to         where the copy goes
 * @param hotUntil   for a promotion: the chunk stays hot until then (and while a bookmark protects it); else null
 * @param toLocation the copy's location once it is written ({@link State#COPIED} on), else null
 * @param conversion what the copy is if it is a re-encode (a stage's, or an earlier one the chunk carries on), from
 *                   {@link State#COPIED} on; null for a copy of the recorded bytes
 */
public record ChunkMove(UUID tenant, UUID camera, Instant start, String from, long bytes, String sha256,
                        Placement to, Instant hotUntil, State state, String toLocation, int attempts,
                        String lastError, ChunkConversion conversion) {
    public ChunkMove {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(state, "state");
        if (state != State.PLANNED && toLocation == null) {
            throw new IllegalArgumentException("a " + state + " move has a copy location");
        }
    }

    /**
     * The steps of a move, each recorded after it is done; a process killed at any point redoes at most the step
     * it was in, and every step may be redone: the copy overwrites its own earlier attempt, the check reads it
     * again, the switch is one transaction guarded by the old location, a second delete finds nothing.
     */
    public enum State {
        /** Nothing done yet (or a failed copy or check to redo). */
        PLANNED,
        /** The copy is written at {@code toLocation}. */
        COPIED,
        /** The copy read back hashes to the index's SHA-256. */
        VERIFIED,
        /** The index row points at the copy; the source is to be deleted. */
        SWITCHED
    }

    public ChunkMove with(State next, String copyLocation) {
        return new ChunkMove(tenant, camera, start, from, bytes, sha256, to, hotUntil, next, copyLocation, attempts,
                lastError, conversion);
    }

    /** This move with the copy being {@code c} (null: the recorded bytes). */
    public ChunkMove converted(ChunkConversion c) {
        return new ChunkMove(tenant, camera, start, from, bytes, sha256, to, hotUntil, state, toLocation, attempts,
                lastError, c);
    }

    /** The hash the copy must have: the conversion's, else the recorded chunk's. */
    public String copySha256() {
        return conversion != null ? conversion.sha256() : sha256;
    }
}
