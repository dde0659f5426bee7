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
 */
public record ChainReport(UUID camera, Instant from, Instant to, int chunks, long bytes, String anchor,
                          List<ChainProblem> problems) {
    public ChainReport {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
