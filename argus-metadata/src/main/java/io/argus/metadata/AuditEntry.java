package io.argus.metadata;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * One audited event, before it is chained: who did what to which target, from where, and how it went.
 *
 * <p>The time is cut to microseconds, the precision both H2 and PostgreSQL store, so the hash computed on append
 * is the hash a verifier recomputes from the stored row. Free-text fields that come from a client (the username a
 * failed login tried, a target id) are clipped to their column size rather than refused: an audit record must
 * never be lost because an attacker sent a long string.
 *
 * @param userId     the acting user, or null (a failed login, a signed URL)
 * @param userName   the acting user's name, or the name a failed login tried; null when unknown
 * @param sourceIp   the client's address as the server saw it, or null
 * @param action     what happened, a stable dotted code such as {@code auth.login} or {@code camera.update}
 * @param targetType what kind of thing it happened to ({@code camera}, {@code user}, ...), or null
 * @param targetId   which one, or null
 * @param outcome    {@code ok}, {@code failed} or {@code denied}
 * @param details    a JSON object with anything else worth keeping (never a password)
 */
public record AuditEntry(UUID tenantId, Instant at, UUID userId, String userName, String sourceIp, String action,
                         String targetType, String targetId, String outcome, String details) {
    public static final String OK = "ok";
    public static final String FAILED = "failed";
    public static final String DENIED = "denied";
    /** Column sizes of V5__audit_log.sql. */
    static final int NAME_MAX = 256;
    static final int IP_MAX = 64;
    static final int ACTION_MAX = 64;
    static final int TARGET_TYPE_MAX = 32;
    static final int TARGET_ID_MAX = 256;
    public static final int DETAILS_MAX = 4000;

    public AuditEntry {
        Objects.requireNonNull(tenantId, "tenantId");
        at = Objects.requireNonNull(at, "at").truncatedTo(ChronoUnit.MICROS);
        Objects.requireNonNull(action, "action");
        if (action.isEmpty() || action.length() > ACTION_MAX) {
            throw new IllegalArgumentException("action must be 1-" + ACTION_MAX + " characters: " + action);
        }
        if (!OK.equals(outcome) && !FAILED.equals(outcome) && !DENIED.equals(outcome)) {
            throw new IllegalArgumentException("outcome must be ok, failed or denied: " + outcome);
        }
        if (targetType != null && targetType.length() > TARGET_TYPE_MAX) {
            throw new IllegalArgumentException("targetType longer than " + TARGET_TYPE_MAX + ": " + targetType);
        }
        details = details == null ? "{}" : details;
        if (details.length() > DETAILS_MAX) {
            throw new IllegalArgumentException("details longer than " + DETAILS_MAX + " characters");
        }
        userName = clip(userName, NAME_MAX);
        sourceIp = clip(sourceIp, IP_MAX);
        targetId = clip(targetId, TARGET_ID_MAX);
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
