package io.argus.server.api;

import io.argus.metadata.DuplicateNameException;
import io.argus.metadata.PasswordHasher;
import io.argus.metadata.User;
import io.argus.metadata.UserRepository;
import io.argus.server.api.AccessDtos.UserRequest;
import io.argus.server.api.AccessDtos.UserResponse;
import io.argus.server.audit.AuditActions;
import io.argus.server.auth.Action;
import io.argus.server.auth.AuthService;
import io.argus.server.auth.PasswordPolicy;
import io.argus.server.auth.Principal;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * {@code /api/v1/users}: the users of the caller's tenant and their roles. A new password or disabling a user
 * revokes its tokens; roles may be given only by a caller who has their actions itself.
 */
final class UserHandlers {
    private static final String BASE = "/api/v1/users";

    private final UserRepository users;
    private final RoleNames roles;
    private final AuthService auth;
    private final PasswordPolicy policy;
    private final Clock clock;

    UserHandlers(UserRepository users, RoleNames roles, AuthService auth, PasswordPolicy policy, Clock clock) {
        this.users = users;
        this.roles = roles;
        this.auth = auth;
        this.policy = policy;
        this.clock = clock;
    }

    void install(Routes routes) {
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
        ctx.json(response(user(ctx)));
    }

    private void create(Context ctx) {
        Principal p = AuthFilter.principal(ctx);
        UserRequest req = RequestBodies.read(ctx, UserRequest.class);
        String username = Validate.name("username", req.username());
        checkPassword(username, req.password());
        List<String> names = req.roles() == null ? List.of() : List.copyOf(req.roles());
        roles.checkAssignable(p, names);
        User u;
        try {
            u = users.create(p.tenantId(), username, req.password(), clock.instant(), names);
        } catch (DuplicateNameException e) {
            throw new ApiException(ErrorCode.CONFLICT, "a user named " + username + " exists");
        }
        if (Boolean.TRUE.equals(req.disabled())) {
            users.setDisabled(u.tenantId(), u.id(), true);
        }
        ctx.status(201).header("Location", BASE + "/" + u.id())
                .json(response(users.find(u.tenantId(), u.id()).orElseThrow()));
    }

    private void patch(Context ctx) {
        Principal p = AuthFilter.principal(ctx);
        User u = user(ctx);
        UserRequest req = RequestBodies.read(ctx, UserRequest.class);
        if (req.username() != null && !req.username().equals(u.username())) {
            throw Validate.invalid("username", "cannot be changed");
        }
        boolean self = u.id().equals(p.userId());
        if (req.roles() != null) {
            if (self) {
                throw new ApiException(ErrorCode.CONFLICT, "you cannot change your own roles");
            }
            roles.checkAssignable(p, req.roles());
            // Taking roles away needs as much right as giving them: a user manager cannot demote an admin.
            roles.checkAssignable(p, users.roles(u.tenantId(), u.id()));
            users.setRoles(u.tenantId(), u.id(), List.copyOf(req.roles()));
        }
        if (req.password() != null) {
            checkPassword(u.username(), req.password());
            users.setPasswordHash(u.tenantId(), u.id(), PasswordHasher.hash(req.password()));
            auth.tokens().revokeAll(u.tenantId(), u.id());
        }
        if (req.disabled() != null) {
            if (self && req.disabled()) {
                throw new ApiException(ErrorCode.CONFLICT, "you cannot disable yourself");
            }
            users.setDisabled(u.tenantId(), u.id(), req.disabled());
            if (req.disabled()) {
                auth.tokens().revokeAll(u.tenantId(), u.id());
            }
        }
        ctx.json(response(users.find(u.tenantId(), u.id()).orElseThrow()));
    }

    private void delete(Context ctx) {
        Principal p = AuthFilter.principal(ctx);
        User u = user(ctx);
        if (u.id().equals(p.userId())) {
            throw new ApiException(ErrorCode.CONFLICT, "you cannot delete yourself");
        }
        roles.checkAssignable(p, users.roles(u.tenantId(), u.id()));
        users.delete(u.tenantId(), u.id());
        ctx.status(204);
    }

    private void checkPassword(String username, String password) {
        if (password == null) {
            throw Validate.invalid("password", "is required");
        }
        policy.problem(username, password).ifPresent(problem -> {
            throw Validate.invalid("password", problem);
        });
    }

    private User user(Context ctx) {
        UUID id = PathIds.uuid(ctx, "uid", "user");
        return users.find(AuthFilter.principal(ctx).tenantId(), id).orElseThrow(() ->
                new ApiException(ErrorCode.NOT_FOUND, "no user with id " + id));
    }

    private UserResponse response(User u) {
        return new UserResponse(u.id().toString(), u.username(), users.roles(u.tenantId(), u.id()), u.disabled(),
                u.createdAt());
    }
}
