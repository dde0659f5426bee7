package io.argus.storage.integrity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What {@link ChainVerifier} found over a range.
 *
 * @param chunks   chunks checked (those overlapping the range)
 * @param bytes    bytes re-hashed
 * @param anchor   how the chain's first link was checked, in words (the chunk before the range, the camera's
 *                 first chunk, or a predecessor that retention already deleted)
 * @param problems every problem, in chunk order; empty if the range is intact
 * @param verified what was re-hashed for each chunk, in chunk order
 */
public record ChainReport(UUID camera, Instant from, Instant to, int chunks, long bytes, String anchor,
                          List<ChainProblem> problems, List<Verified> verified) {
    public ChainReport {
        problems = List.copyOf(problems);
        verified = List.copyOf(verified);
    }

    /**
     * What was checked of one chunk: its stored object is the recording as made ({@code converted} null), or a
     * tier's re-encode of it, checked against the converted hash, while the chain went through the original's.
     *
     * @param chunk     the chunk's id (its start in epoch milliseconds)
     * @param converted the re-encode in words ({@code H265 crf=28}), or null for the original
     * @param sha256    the hash the stored bytes were checked against
     */
    public record Verified(long chunk, String converted, String sha256) {
        public boolean original() {
            return converted == null;
        }
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
