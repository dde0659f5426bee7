package io.argus.storage.tier;

import io.argus.storage.chunk.ChunkRecord;
import java.time.Instant;
import java.util.Objects;

/**
 * A chunk's row with its tier state.
 *
 * @param storageClass the object storage class of its copy, null on local disk
 * @param restore      its restore state (only meaningful for a class that needs restores)
 * @param restoreUntil when a finished restore's temporary copy expires
 * @param hotUntil     a promotion keeps it hot until then (and while a bookmark protects it)
 */
public record TieredChunk(ChunkRecord chunk, String storageClass, RestoreState restore, Instant restoreUntil,
                          Instant hotUntil) {
    public TieredChunk {
        Objects.requireNonNull(chunk, "chunk");
        Objects.requireNonNull(restore, "restore");
    }

    /** True if reading it now needs a restore first. */
    public boolean restoreNeeded(Instant now) {
        return TierStage.needsRestore(storageClass)
                && !(restore == RestoreState.RESTORED && restoreUntil != null && restoreUntil.isAfter(now));
    }
}
