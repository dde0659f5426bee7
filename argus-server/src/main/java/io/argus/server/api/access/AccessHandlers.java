package io.argus.server.api.access;

import io.argus.metadata.CameraGroupRepository;
import io.argus.metadata.CameraRepository;
import io.argus.metadata.RoleRepository;
import io.argus.metadata.TenantRepository;
import io.argus.metadata.UserRepository;
import io.argus.server.api.ApiModule;
import io.argus.server.api.Routes;
import io.argus.server.auth.Accounts;
import io.argus.server.auth.AuthService;
import io.argus.server.auth.PasswordPolicy;
import io.argus.server.auth.RoleRights;
import java.time.Clock;
import java.util.List;

/**
 * Login, tenants, users, roles, camera groups and the caller's own account and tokens: the routes of the access
 * model. One module, since its handlers share the account rules ({@link Accounts}) and role rights.
 */
public final class AccessHandlers implements ApiModule {
    private final List<ApiModule> handlers;

    public AccessHandlers(TenantRepository tenants, UserRepository users, RoleRepository roles,
                          CameraGroupRepository groups, CameraRepository cameras, AuthService auth,
                          PasswordPolicy policy, Clock clock) {
        RoleRights rights = new RoleRights(roles);
        Accounts accounts = new Accounts(users, rights, auth.tokens(), policy, clock);
        this.handlers = List.of(new LoginHandler(auth), new TenantHandlers(tenants, accounts, clock),
                new UserHandlers(users, accounts), new RoleHandlers(roles, groups, cameras, rights, clock),
                new CameraGroupHandlers(groups, rights, clock), new MeHandlers(tenants, auth, accounts, clock));
    }

    @Override
    public void install(Routes routes) {
        handlers.forEach(h -> h.install(routes));
    }
}
