package io.argus.storage.integrity;

import java.time.Instant;

/**
 * One thing wrong with a camera's recordings.
 *
 * @param chunk  the chunk's id (its start in epoch milliseconds, as in playback URLs)
 * @param start  its start
 * @param detail what was found, in words
 */
public record ChainProblem(Kind kind, long chunk, Instant start, String detail) {
    public enum Kind {
        /** The chunk's object is gone from the store, or the chain shows a chunk missing before this one. */
        MISSING,
        /** The chunk's bytes do not hash to its index row's SHA-256 (or do not decrypt). */
        ALTERED,
        /** The chain or the times put this chunk elsewhere than where the index has it. */
        REORDERED
    }
}
