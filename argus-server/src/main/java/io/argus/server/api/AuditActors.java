package io.argus.server.api;

import io.argus.metadata.Session;
import io.argus.metadata.Tenants;
import io.argus.server.audit.AuditActor;
import io.argus.server.auth.AuthService;
import io.argus.server.auth.Principal;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.UUID;

/**
 * The one adapter from this API's {@link Principal} to the audit log's {@link AuditActor}: a bearer token's user,
 * or the user who signed a media URL (a signed URL acts for its user, so its views are that user's). The actor's
 * tenant is the one the request acted in: a system admin working in another tenant leaves the row in that
 * tenant's chain, where the tenant's auditors see it.
 */
public final class AuditActors {
    private final AuthService auth;

    AuditActors(AuthService auth) {
        this.auth = auth;
    }

    /** Who made this request; empty for an unauthenticated one (nothing to attribute it to but a login). */
    public static Optional<AuditActor> of(Context ctx) {
        Principal p = ctx.attribute(AuthFilter.PRINCIPAL);
        return p == null ? Optional.empty()
                : Optional.of(new AuditActor(p.tenantId(), p.userId(), p.username(), ctx.ip()));
    }

    /** Whoever just logged in: the request carried no principal, the new session names one. */
    static AuditActor loggedIn(Context ctx, Session session, String username) {
        return new AuditActor(session.tenantId(), session.userId(), username, ctx.ip());
    }

    /**
     * Someone who tried to log in as {@code username} in the tenant named {@code tenant} and failed: filed under
     * that tenant when it exists (its auditors see attacks on it), else under the default tenant.
     */
    AuditActor failedLogin(Context ctx, String tenant, String username) {
        UUID id = auth.tenantId(tenant).orElse(Tenants.DEFAULT_ID);
        return new AuditActor(id, null, username, ctx.ip());
    }
}
