package io.argus.server.api;

import io.argus.metadata.Session;
import io.argus.server.auth.AuthService;
import io.javalin.http.Context;
import java.util.Set;

/** Requires {@code Authorization: Bearer <token>} on the API, except for the paths that must work without. */
final class AuthFilter {
    static final String SESSION = "argus.session";
    private static final String BEARER = "Bearer ";

    private final AuthService auth;
    private final Set<String> open;
    private final boolean metricsNeedAuth;

    AuthFilter(AuthService auth, Set<String> open, boolean metricsNeedAuth) {
        this.auth = auth;
        this.open = open;
        this.metricsNeedAuth = metricsNeedAuth;
    }

    void check(Context ctx) {
        String path = ctx.path();
        boolean guarded = (path.startsWith("/api/") || (metricsNeedAuth && path.equals("/metrics")))
                && !open.contains(path);
        if (!guarded) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiException(ErrorCode.UNAUTHORIZED, "log in first: send Authorization: Bearer <token> "
                    + "with a token from POST /api/v1/auth/login");
        }
        Session s = auth.authenticate(header.substring(BEARER.length()).trim()).orElseThrow(() -> {
            ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            return new ApiException(ErrorCode.UNAUTHORIZED, "the token is unknown or has expired; log in again");
        });
        ctx.attribute(SESSION, s);
    }

    static Session session(Context ctx) {
        return ctx.attribute(SESSION);
    }
}
