package io.argus.server.api;

import io.argus.metadata.CameraGroupRepository;
import io.argus.metadata.CameraRepository;
import io.argus.metadata.RoleRepository;
import io.argus.metadata.TenantRepository;
import io.argus.metadata.UserRepository;
import io.argus.server.auth.Accounts;
import io.argus.server.auth.AuthService;
import io.argus.server.auth.PasswordPolicy;
import io.argus.server.auth.RoleRights;
import java.time.Clock;

/**
 * Tenants, users, roles, camera groups and the caller's own account and tokens: the routes of the access model.
 * Built by the HTTP role, installed by {@link HttpApi}.
 */
public final class AccessHandlers {
    private final TenantHandlers tenants;
    private final UserHandlers users;
    private final RoleHandlers roles;
    private final CameraGroupHandlers groups;
    private final MeHandlers me;

    public AccessHandlers(TenantRepository tenants, UserRepository users, RoleRepository roles,
                          CameraGroupRepository groups, CameraRepository cameras, AuthService auth,
                          PasswordPolicy policy, Clock clock) {
        RoleRights rights = new RoleRights(roles);
        Accounts accounts = new Accounts(users, rights, auth.tokens(), policy, clock);
        this.tenants = new TenantHandlers(tenants, users, policy, clock);
        this.users = new UserHandlers(users, accounts);
        this.roles = new RoleHandlers(roles, groups, cameras, rights, clock);
        this.groups = new CameraGroupHandlers(groups, clock);
        this.me = new MeHandlers(tenants, auth, accounts, clock);
    }

    void install(Routes routes) {
        tenants.install(routes);
        users.install(routes);
        roles.install(routes);
        groups.install(routes);
        me.install(routes);
    }
}
