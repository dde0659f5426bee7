package io.argus.server.api.access;

import io.argus.server.api.ApiException;
import io.argus.server.api.ApiModule;
import io.argus.server.api.Audit;
import io.argus.server.api.ErrorCode;
import io.argus.server.api.LoginAttempt;
import io.argus.server.api.RequestBodies;
import io.argus.server.api.Require;
import io.argus.server.api.Routes;
import io.argus.server.audit.AuditActions;
import io.argus.server.auth.AuthService;
import io.argus.server.auth.LoginResult;
import io.javalin.http.Context;

/**
 * {@code POST /api/v1/auth/login}: a session token for a user of a tenant (the default tenant when none is named);
 * 429 while locked out. Every attempt is audited with its outcome ({@link LoginAttempt}).
 */
final class LoginHandler implements ApiModule {
    private static final String LOGIN = "/api/v1/auth/login";

    private final AuthService auth;

    LoginHandler(AuthService auth) {
        this.auth = auth;
    }

    @Override
    public void install(Routes routes) {
        routes.post(LOGIN, Require.PUBLIC, Audit.login(AuditActions.LOGIN), this::login)
                .summary("logs in with a password; answers a session token").body(LoginRequest.class)
                .returns(LoginResponse.class);
    }

    private void login(Context ctx) {
        LoginRequest req = RequestBodies.read(ctx, LoginRequest.class);
        if (req.username() == null || req.password() == null) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "username and password are required");
        }
        String tenant = req.tenant() == null ? AuthService.DEFAULT_TENANT : req.tenant();
        LoginResult result = auth.login(tenant, req.username(), req.password(), ctx.ip());
        new LoginAttempt(tenant, req.username(), result).attachTo(ctx);
        switch (result) {
            case LoginResult.Ok ok -> ctx.json(new LoginResponse(ok.token().token(), ok.token().session().expiresAt()));
            case LoginResult.Locked l -> {
                long seconds = Math.max(1, (l.retryAfter().toMillis() + 999) / 1000);
                ctx.header("Retry-After", Long.toString(seconds));
                throw new ApiException(ErrorCode.TOO_MANY_REQUESTS, "too many failed logins; try again in "
                        + seconds + " s");
            }
            case LoginResult.Rejected r -> throw new ApiException(ErrorCode.INVALID_CREDENTIALS,
                    "wrong username or password");
        }
    }
}
