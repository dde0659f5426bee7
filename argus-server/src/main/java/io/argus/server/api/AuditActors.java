package io.argus.server.api;

import io.argus.metadata.Session;
import io.argus.metadata.UserNames;
import io.argus.server.audit.AuditActor;
import io.argus.server.auth.AdminBootstrap;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one adapter from this API's principal to the audit log's {@link AuditActor}: today a bearer token's
 * {@link Session} or a signed media URL's {@link MediaAccess}. When the principal type changes, only this class
 * changes.
 */
final class AuditActors {
    /** Set by the login handler on success: the new session, since the login request itself carries none. */
    static final String LOGIN_SESSION = "argus.audit.loginSession";
    static final String SIGNED_URL = "signed-url";

    private final UserNames names;
    /** Users are never renamed today; the cache saves a query on every audited request. */
    private final Map<UUID, String> cache = new ConcurrentHashMap<>();

    AuditActors(UserNames names) {
        this.names = names;
    }

    /** Who made this request; empty for an unauthenticated one (nothing to attribute it to but a login). */
    Optional<AuditActor> of(Context ctx) {
        Session s = AuthFilter.session(ctx);
        if (s == null) {
            s = ctx.attribute(LOGIN_SESSION);
        }
        String ip = ctx.req().getRemoteAddr();
        if (s != null) {
            Session session = s;
            String name = cache.computeIfAbsent(s.userId(),
                    id -> names.of(session.tenantId(), id).orElse(null));
            return Optional.of(new AuditActor(s.tenantId(), s.userId(), name, ip));
        }
        MediaAccess media = ctx.attribute(MediaAccess.ATTRIBUTE);
        if (media != null && media.signed()) {
            return Optional.of(new AuditActor(media.tenant(), null, SIGNED_URL, ip));
        }
        return Optional.empty();
    }

    /** Someone who tried to log in as {@code username} and failed. */
    static AuditActor failedLogin(Context ctx, UUID tenant, String username) {
        return new AuditActor(tenant, null, username, ctx.req().getRemoteAddr());
    }

    /**
     * Whether the actor may read the audit log: the admin user until roles and permissions exist (they bring a
     * read-audit permission).
     */
    static boolean mayReadAudit(AuditActor actor) {
        return AdminBootstrap.ADMIN.equals(actor.userName());
    }
}
