package io.argus.server.api;

import io.argus.server.auth.LoginResult;
import io.javalin.http.Context;

/**
 * What a password login tried and what came of it, left on the request by the login handler for
 * {@link AuditTrail}, which audits every attempt (the request has no principal to attribute it to yet).
 *
 * @param tenant the tenant name the login named (the default one when it named none)
 */
public record LoginAttempt(String tenant, String username, LoginResult result) {
    private static final String ATTRIBUTE = "argus.audit.loginAttempt";

    /** Leaves this attempt on {@code ctx} for the audit trail. */
    public void attachTo(Context ctx) {
        ctx.attribute(ATTRIBUTE, this);
    }

    /** The attempt on {@code ctx}; null when the login was refused before any check (a malformed body). */
    static LoginAttempt of(Context ctx) {
        return ctx.attribute(ATTRIBUTE);
    }
}
