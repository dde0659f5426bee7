package io.argus.server.api.access;

import io.argus.metadata.User;
import io.argus.metadata.UserRepository;
import io.argus.server.api.ApiModule;
import io.argus.server.api.Audit;
import io.argus.server.api.AuthFilter;
import io.argus.server.api.PathIds;
import io.argus.server.api.RequestBodies;
import io.argus.server.api.Require;
import io.argus.server.api.Routes;
import io.argus.server.api.Validate;
import io.argus.server.api.access.AccessDtos.UserRequest;
import io.argus.server.api.access.AccessDtos.UserResponse;
import io.argus.server.audit.AuditActions;
import io.argus.server.auth.Accounts;
import io.argus.server.auth.Action;
import io.javalin.http.Context;
import java.util.List;
import java.util.UUID;

/**
 * {@code /api/v1/users}: the users of the caller's tenant and their roles. Who may change whom, and what a change
 * revokes, is {@link Accounts}' rule: these routes only read requests and write answers.
 */
final class UserHandlers implements ApiModule {
    private static final String BASE = "/api/v1/users";

    private final UserRepository users;
    private final Accounts accounts;

    UserHandlers(UserRepository users, Accounts accounts) {
        this.users = users;
        this.accounts = accounts;
    }

    @Override
    public void install(Routes routes) {
        routes.get(BASE, Require.tenant(Action.MANAGE_USERS), this::list)
                .summary("users of the tenant").returnsListOf(UserResponse.class);
        routes.post(BASE, Require.tenant(Action.MANAGE_USERS), Audit.create(AuditActions.USER_CREATE, "user"),
                this::create)
                .summary("creates a user").body(UserRequest.class).returns(UserResponse.class);
        routes.get(BASE + "/{uid}", Require.tenant(Action.MANAGE_USERS), this::get)
                .summary("one user").returns(UserResponse.class);
        routes.patch(BASE + "/{uid}", Require.tenant(Action.MANAGE_USERS),
                Audit.change(AuditActions.USER_UPDATE, "user", "uid"), this::patch)
                .summary("changes a user's password, roles or disabled flag").body(UserRequest.class).returns(UserResponse.class);
        routes.delete(BASE + "/{uid}", Require.tenant(Action.MANAGE_USERS),
                Audit.change(AuditActions.USER_DELETE, "user", "uid"), this::delete)
                .summary("deletes a user");
    }

    private void list(Context ctx) {
        UUID tenant = AuthFilter.principal(ctx).tenantId();
        ctx.json(users.list(tenant).stream().map(this::response).toList());
    }

    private void get(Context ctx) {
        ctx.json(response(accounts.find(AuthFilter.principal(ctx), uid(ctx))));
    }

    private void create(Context ctx) {
        UserRequest req = RequestBodies.read(ctx, UserRequest.class);
        String username = Validate.name("username", req.username());
        User u = accounts.create(AuthFilter.principal(ctx), username, req.password(),
                req.roles() == null ? List.of() : req.roles(), Boolean.TRUE.equals(req.disabled()));
        ctx.status(201).header("Location", BASE + "/" + u.id()).json(response(u));
    }

    private void patch(Context ctx) {
        UUID id = uid(ctx);
        UserRequest req = RequestBodies.read(ctx, UserRequest.class);
        ctx.json(response(accounts.change(AuthFilter.principal(ctx), id, new Accounts.Change(req.username(),
                req.password(), req.disabled(), req.roles()))));
    }

    private void delete(Context ctx) {
        accounts.delete(AuthFilter.principal(ctx), uid(ctx));
        ctx.status(204);
    }

    private static UUID uid(Context ctx) {
        return PathIds.uuid(ctx, "uid", "user");
    }

    private UserResponse response(User u) {
        return new UserResponse(u.id().toString(), u.username(), users.roles(u.tenantId(), u.id()), u.disabled(),
                u.createdAt());
    }
}
