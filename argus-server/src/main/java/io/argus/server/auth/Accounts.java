package io.argus.server.auth;

import io.argus.metadata.DuplicateNameException;
import io.argus.metadata.PasswordHasher;
import io.argus.metadata.Session;
import io.argus.metadata.TenantScope;
import io.argus.metadata.User;
import io.argus.metadata.TokenRepository;
import io.argus.metadata.UserRepository;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Every change to a user account, for every door that changes one (the user routes, {@code /me} and the
 * console's {@code argus user}), so the rules live here once:
 *
 * <ul>
 *   <li>who may change whom ({@link #checkMayManage}): nobody creates, changes, disables, resets or deletes a user
 *       who holds (or would hold) anything the caller lacks on the whole tenant, the caller's token scopes
 *       included; a system admin's account only a system admin; nobody their own account as an administrator
 *       would (their password they change with the current one as proof);</li>
 *   <li>what a change brings: a new password or disabling ends every session and API token of the user, and
 *       with them every signed media URL they minted.</li>
 * </ul>
 */
public final class Accounts {
    /** A change to a user; a null field is left as it is. */
    public record Change(String username, String password, Boolean disabled, List<String> roles) {
        @Override
        public String toString() {
            return "Change[" + username + "]";
        }
    }

    private final UserRepository users;
    private final RoleRights roles;
    private final TokenRepository tokens;
    private final PasswordPolicy policy;
    private final Clock clock;

    public Accounts(UserRepository users, RoleRights roles, TokenRepository tokens, PasswordPolicy policy,
                    Clock clock) {
        this.users = users;
        this.roles = roles;
        this.tokens = tokens;
        this.policy = policy;
        this.clock = clock;
    }

    /** A new user of the caller's tenant holding only roles the caller may give. */
    public User create(Principal caller, String username, String password, List<String> roleNames,
                       boolean disabled) {
        checkPassword("password", username, password);
        roles.checkAssignable(caller, roleNames);
        User u = insert(caller.tenantId(), username, password, roleNames);
        if (disabled) {
            users.setDisabled(u.tenantId(), u.id(), true);
        }
        return reread(u);
    }

    /**
     * A new tenant's first user, a tenant-admin, made by a system admin creating the tenant: the password policy
     * as for every user, and the granting rule (the caller's token scopes count, so a token limited to
     * manage-tenants cannot make an admin). Everything is checked before {@code newTenant} creates the tenant, so a
     * refused admin leaves no tenant behind.
     */
    public User createFirstAdmin(Principal caller, String username, String password, Supplier<UUID> newTenant) {
        if (!caller.systemAdmin()) {
            throw AccessException.forbidden("only a system admin creates a tenant's first admin");
        }
        RoleRights.mayGive(caller, BuiltInRole.TENANT_ADMIN.actions());
        checkPassword("adminPassword", username, password);
        UUID tenant = newTenant.get();
        // The caller's request runs in the caller's tenant; the new admin's rows belong to the new one, which
        // PostgreSQL's row-level security accepts only in that tenant's scope.
        return TenantScope.as(tenant, () -> insert(tenant, username, password,
                List.of(BuiltInRole.TENANT_ADMIN.id())));
    }

    /** The user {@code id} of the caller's tenant; 404 when there is none. */
    public User find(Principal caller, UUID id) {
        return users.find(caller.tenantId(), id).orElseThrow(() -> AccessException.notFound("no user with id " + id));
    }

    /** Changes user {@code id}: everything is checked before anything is written. */
    public User change(Principal caller, UUID id, Change c) {
        User u = find(caller, id);
        checkMayManage(caller, u);
        if (c.username() != null && !c.username().equals(u.username())) {
            throw AccessException.invalid("username", "cannot be changed");
        }
        if (u.id().equals(caller.userId()) && (c.password() != null || c.disabled() != null || c.roles() != null)) {
            throw AccessException.conflict("you cannot change your own roles, password or disabled flag as an "
                    + "administrator: change your password with your current one (PUT /api/v1/me/password); "
                    + "another administrator changes the rest");
        }
        if (c.roles() != null) {
            roles.checkAssignable(caller, c.roles());
        }
        if (c.password() != null) {
            checkPassword("password", u.username(), c.password());
        }
        if (c.roles() != null) {
            users.setRoles(u.tenantId(), u.id(), List.copyOf(c.roles()));
        }
        if (c.password() != null) {
            setPassword(u, c.password());
        }
        if (c.disabled() != null) {
            users.setDisabled(u.tenantId(), u.id(), c.disabled());
            if (c.disabled()) {
                tokens.revokeAll(u.tenantId(), u.id());
            }
        }
        return reread(u);
    }

    /** Deletes user {@code id}, with its roles and tokens. */
    public void delete(Principal caller, UUID id) {
        User u = find(caller, id);
        checkMayManage(caller, u);
        if (u.id().equals(caller.userId())) {
            throw AccessException.conflict("you cannot delete yourself");
        }
        users.delete(u.tenantId(), u.id());
    }

    /**
     * The caller's own new password, with the current one as proof; every other session and token of theirs
     * ends (the one in hand stays, so the caller is not logged out by its own change).
     */
    public void changeOwnPassword(Principal caller, String current, String next) {
        User u = users.find(caller.homeTenant(), caller.userId()).orElseThrow(() -> AccessException.notFound(
                "no user with id " + caller.userId()));
        if (current == null || !PasswordHasher.verify(current, u.passwordHash())) {
            throw AccessException.wrongPassword("the current password is wrong");
        }
        checkPassword("newPassword", u.username(), next);
        users.setPasswordHash(u.tenantId(), u.id(), PasswordHasher.hash(next));
        for (Session s : tokens.list(u.tenantId(), u.id(), clock.instant())) {
            if (!s.id().equals(caller.sessionId())) {
                tokens.revoke(u.tenantId(), u.id(), s.id());
            }
        }
    }

    /**
     * 403 unless {@code caller} may change {@code target}: the same rule as giving the target's roles, so a user
     * manager cannot reset, disable or delete anyone who holds more than it does; a system admin only a system
     * admin. Roles that no longer exist give nothing and need nothing.
     */
    public void checkMayManage(Principal caller, User target) {
        List<String> held = users.roles(target.tenantId(), target.id());
        if (held.contains(BuiltInRole.SYSTEM_ADMIN.id()) && !caller.systemAdmin()) {
            throw AccessException.forbidden("only a system admin may change a system admin's account");
        }
        for (String role : held) {
            for (Action a : roles.held(target.tenantId(), role).orElse(Set.of())) {
                if (!caller.can(a)) {
                    throw AccessException.forbidden("you cannot change user " + target.username() + ": they hold "
                            + "the permission " + a.id() + ", which you do not have on the whole tenant");
                }
            }
        }
    }

    /** The console (whoever holds the data directory, the node stopped): a new user with roles that exist. */
    public User createAtConsole(UUID tenant, String username, String password, List<String> roleNames) {
        checkPassword("password", username, password);
        roles.checkExist(tenant, roleNames);
        return insert(tenant, username, password, roleNames);
    }

    /** The console: a new password for {@code u}, which enables it; every session and token of it ends. */
    public void resetAtConsole(User u, String password) {
        checkPassword("password", u.username(), password);
        setPassword(u, password);
        users.setDisabled(u.tenantId(), u.id(), false);
    }

    /** The console: replaces the roles of {@code u} with roles that exist. */
    public void setRolesAtConsole(User u, List<String> roleNames) {
        roles.checkExist(u.tenantId(), roleNames);
        users.setRoles(u.tenantId(), u.id(), List.copyOf(roleNames));
    }

    private User insert(UUID tenant, String username, String password, List<String> roleNames) {
        try {
            return users.create(tenant, username, password, clock.instant(), List.copyOf(roleNames));
        } catch (DuplicateNameException e) {
            throw AccessException.conflict("a user named " + username + " exists");
        }
    }

    private void setPassword(User u, String password) {
        users.setPasswordHash(u.tenantId(), u.id(), PasswordHasher.hash(password));
        tokens.revokeAll(u.tenantId(), u.id());
    }

    private void checkPassword(String field, String username, String password) {
        if (password == null) {
            throw AccessException.invalid(field, "is required");
        }
        policy.problem(username, password).ifPresent(problem -> {
            throw AccessException.invalid(field, problem);
        });
    }

    private User reread(User u) {
        return users.find(u.tenantId(), u.id()).orElseThrow();
    }
}
