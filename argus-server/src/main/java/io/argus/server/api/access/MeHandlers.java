package io.argus.server.api.access;

import io.argus.metadata.IssuedToken;
import io.argus.metadata.Session;
import io.argus.metadata.TenantRepository;
import io.argus.server.api.ApiException;
import io.argus.server.api.ApiModule;
import io.argus.server.api.Audit;
import io.argus.server.api.AuthFilter;
import io.argus.server.api.ErrorCode;
import io.argus.server.api.PathIds;
import io.argus.server.api.RequestBodies;
import io.argus.server.api.Require;
import io.argus.server.api.Routes;
import io.argus.server.api.Validate;
import io.argus.server.api.access.AccessDtos.MeResponse;
import io.argus.server.api.access.AccessDtos.PasswordRequest;
import io.argus.server.api.access.AccessDtos.TokenRequest;
import io.argus.server.api.access.AccessDtos.TokenResponse;
import io.argus.server.audit.AuditActions;
import io.argus.server.auth.Accounts;
import io.argus.server.auth.Action;
import io.argus.server.auth.AuthService;
import io.argus.server.auth.Principal;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The caller's own account: {@code /api/v1/me}, its password, its sessions and named API tokens, and logout.
 * A token is shown once, when it is made; only its hash is kept.
 */
final class MeHandlers implements ApiModule {
    private static final String ME = "/api/v1/me";

    private final TenantRepository tenants;
    private final AuthService auth;
    private final Accounts accounts;
    private final Clock clock;

    MeHandlers(TenantRepository tenants, AuthService auth, Accounts accounts, Clock clock) {
        this.tenants = tenants;
        this.auth = auth;
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public void install(Routes routes) {
        routes.get(ME, Require.AUTHENTICATED, this::me)
                .summary("the caller: user, tenant, roles and effective rights").returns(MeResponse.class);
        routes.put(ME + "/password", Require.AUTHENTICATED, Audit.change(AuditActions.USER_PASSWORD, "user", Audit.SELF),
                this::password)
                .summary("changes the caller's password (other sessions are revoked)").body(PasswordRequest.class);
        routes.get(ME + "/tokens", Require.AUTHENTICATED, this::tokens)
                .summary("the caller's sessions and API tokens").returnsListOf(TokenResponse.class);
        routes.post(ME + "/tokens", Require.AUTHENTICATED, Audit.create(AuditActions.TOKEN_CREATE, "token"), this::createToken)
                .summary("creates a named, scoped, expiring API token (shown once)").body(TokenRequest.class).returns(TokenResponse.class);
        routes.delete(ME + "/tokens/{tokenId}", Require.AUTHENTICATED, Audit.change(AuditActions.TOKEN_REVOKE, "token", "tokenId"),
                this::revoke)
                .summary("revokes one of the caller's tokens");
        routes.post("/api/v1/auth/logout", Require.AUTHENTICATED, Audit.change(AuditActions.LOGOUT, "user", Audit.SELF),
                this::logout)
                .summary("ends the caller's session");
    }

    private void me(Context ctx) {
        Principal p = AuthFilter.principal(ctx);
        String tenantName = tenants.find(p.tenantId()).map(t -> t.name()).orElse(null);
        ctx.json(new MeResponse(p.userId().toString(), p.username(), p.tenantId().toString(), tenantName, p.roles(),
                p.actions().stream().map(Action::id).toList(), p.systemAdmin(),
                p.sessionId() == null ? null : p.sessionId().toString()));
    }

    /** A new password for oneself, with the current one as proof; every other session and token is revoked. */
    private void password(Context ctx) {
        PasswordRequest req = RequestBodies.read(ctx, PasswordRequest.class);
        accounts.changeOwnPassword(AuthFilter.principal(ctx), req.currentPassword(), req.newPassword());
        ctx.status(204);
    }

    private void tokens(Context ctx) {
        Principal p = AuthFilter.principal(ctx);
        List<TokenResponse> out = new ArrayList<>();
        for (Session s : auth.tokens().list(p.homeTenant(), p.userId(), clock.instant())) {
            out.add(response(s, p, null));
        }
        ctx.json(out);
    }

    private void createToken(Context ctx) {
        Principal p = AuthFilter.principal(ctx);
        TokenRequest req = RequestBodies.read(ctx, TokenRequest.class);
        String name = Validate.name("name", req.name());
        IssuedToken t = auth.issueApiToken(p, name, req.scopes(), req.expiresInDays());
        ctx.status(201).header("Location", ME + "/tokens/" + t.session().id()).json(response(t.session(), p, t.token()));
    }

    private void revoke(Context ctx) {
        Principal p = AuthFilter.principal(ctx);
        UUID id = PathIds.uuid(ctx, "tokenId", "token");
        if (!auth.tokens().revoke(p.homeTenant(), p.userId(), id)) {
            throw new ApiException(ErrorCode.NOT_FOUND, "no token with id " + id);
        }
        ctx.status(204);
    }

    private void logout(Context ctx) {
        auth.logout(AuthFilter.principal(ctx));
        ctx.status(204);
    }

    private static TokenResponse response(Session s, Principal p, String plain) {
        return new TokenResponse(s.id().toString(), s.kind(), s.name(), s.scopes() == null ? null
                : List.copyOf(s.scopes()), s.createdAt(), s.expiresAt(), s.id().equals(p.sessionId()), plain);
    }
}
