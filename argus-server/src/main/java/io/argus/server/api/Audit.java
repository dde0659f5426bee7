package io.argus.server.api;

import java.util.Objects;

/**
 * What a route audits, declared where the route is registered ({@link Routes}), so no second table has to be
 * kept in step with the routes. {@link AuditTrail} records it after the request is answered: a change when it
 * succeeded (2xx) or was refused for lack of rights (403); a login whatever its outcome; a view once per viewing
 * session; a read of the audit log by its own handler, here only when refused.
 *
 * @param action      the audit action ({@link io.argus.server.audit.AuditActions}); null for {@link #NONE}
 * @param targetType  what kind of thing the target is ({@code camera}, {@code user} …); null when none
 * @param targetParam the path parameter naming the target; null for the id in the answer's Location (a create);
 *                    {@link #SELF} for the caller
 */
public record Audit(String action, String targetType, String targetParam, Kind kind) {
    /** A {@code targetParam} for routes about the caller themselves ({@code /me}): the target is the caller. */
    public static final String SELF = "@self";

    /** Not audited: reads that show no video and change nothing. Changing routes cannot say this. */
    public static final Audit NONE = new Audit(null, null, null, Kind.NONE);

    /**
     * NONE: not audited. LOGIN: every attempt. CHANGE: done or refused (403). VIEW: one row per viewing session,
     * or refused. AUDIT: reading the audit log, whose handlers record what they returned; here only refusals.
     */
    public enum Kind { NONE, LOGIN, CHANGE, VIEW, AUDIT }

    public Audit {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.NONE) != (action == null)) {
            throw new IllegalArgumentException("an audited route names its action, and only it");
        }
    }

    /** A change of the thing named by path parameter {@code targetParam} ({@link #SELF}: the caller). */
    public static Audit change(String action, String targetType, String targetParam) {
        return new Audit(action, targetType, Objects.requireNonNull(targetParam, "targetParam"), Kind.CHANGE);
    }

    /** A change that creates a thing: the target is the id at the end of the answer's Location. */
    public static Audit create(String action, String targetType) {
        return new Audit(action, targetType, null, Kind.CHANGE);
    }

    /** A change of the node or the tenant as a whole: no target id. */
    public static Audit whole(String action, String targetType) {
        return new Audit(action, targetType, null, Kind.CHANGE);
    }

    /** Watching video of the camera in {@code {id}}: one row per viewing session. */
    public static Audit view(String action) {
        return new Audit(action, "camera", "id", Kind.VIEW);
    }

    /** Reading the audit log: the handler records what it returned; refusals are recorded here. */
    public static Audit auditRead(String action) {
        return new Audit(action, null, null, Kind.AUDIT);
    }

    /** A password login: every attempt, with its outcome. */
    public static Audit login(String action) {
        return new Audit(action, "user", null, Kind.LOGIN);
    }

    public boolean audited() {
        return kind != Kind.NONE;
    }
}
