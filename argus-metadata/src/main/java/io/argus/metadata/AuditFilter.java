package io.argus.metadata;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Which audit rows of a tenant to read; null fields do not filter.
 *
 * @param from       earliest time, inclusive
 * @param to         latest time, exclusive
 * @param user       a user's name or id
 * @param action     an action code, or a prefix ending in {@code .} ({@code camera.} for every camera change)
 * @param targetType with {@code targetId}: one target, e.g. {@code camera} and its id
 * @param afterSeq   only rows after this seq (the paging cursor); 0 for the start
 */
public record AuditFilter(UUID tenantId, Instant from, Instant to, String user, String action, String targetType,
                          String targetId, long afterSeq) {
    public AuditFilter {
        Objects.requireNonNull(tenantId, "tenantId");
        if (afterSeq < 0) {
            throw new IllegalArgumentException("afterSeq must not be negative: " + afterSeq);
        }
    }

    /** Every row of the tenant. */
    public static AuditFilter all(UUID tenantId) {
        return new AuditFilter(tenantId, null, null, null, null, null, null, 0);
    }
}
