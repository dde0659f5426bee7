package io.argus.metadata;

import java.util.UUID;

/**
 * One thing {@link AuditChainVerifier} found wrong in a tenant's chain, naming the row.
 *
 * @param seq     the row (for {@link Kind#DELETED}, the first missing seq)
 * @param lastSeq for {@link Kind#DELETED}: the last missing seq (equal to {@code seq} for one row); else {@code seq}
 */
public record AuditProblem(UUID tenantId, long seq, long lastSeq, Kind kind, String message) {
    public enum Kind {
        /** The row's fields no longer match its hash. */
        EDITED,
        /** The row matches its own hash but not what the next row was chained to: rewritten with a new hash. */
        REWRITTEN,
        /** Rows are missing: a gap in seq, or fewer rows than the chain head records. */
        DELETED,
        /** The row holds the content of another position in the chain (rows swapped or reordered). */
        MOVED,
        /** Rows past the chain head: added without going through the log. */
        INSERTED
    }
}
