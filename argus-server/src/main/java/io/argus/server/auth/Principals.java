package io.argus.server.auth;

import io.argus.metadata.CameraGroupRepository;
import io.argus.metadata.CustomRole;
import io.argus.metadata.RoleRepository;
import io.argus.metadata.RolePermission;
import io.argus.metadata.Session;
import io.argus.metadata.Tenant;
import io.argus.metadata.TenantRepository;
import io.argus.metadata.User;
import io.argus.metadata.UserRepository;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Resolves a user's rights from the database for each request (nothing cached, so a role change, a disabled
 * user or tenant, or a camera leaving a group takes effect on the next request, signed media URLs included).
 */
public final class Principals {
    private final UserRepository users;
    private final TenantRepository tenants;
    private final RoleRepository roles;
    private final CameraGroupRepository groups;

    public Principals(UserRepository users, TenantRepository tenants, RoleRepository roles,
                      CameraGroupRepository groups) {
        this.users = users;
        this.tenants = tenants;
        this.roles = roles;
        this.groups = groups;
    }

    /** The principal of an enabled user of an enabled tenant; empty otherwise. */
    public Optional<Principal> of(UUID tenantId, UUID userId, Session session) {
        Optional<Tenant> tenant = tenants.find(tenantId);
        Optional<User> user = users.find(tenantId, userId);
        if (tenant.isEmpty() || tenant.get().disabled() || user.isEmpty() || user.get().disabled()) {
            return Optional.empty();
        }
        List<String> names = users.roles(tenantId, userId);
        Map<String, CustomRole> custom = roles.list(tenantId).stream()
                .collect(Collectors.toMap(CustomRole::name, Function.identity()));
        List<Grant> grants = new ArrayList<>();
        for (String n : names) {
            Optional<BuiltInRole> b = BuiltInRole.parse(n);
            if (b.isPresent()) {
                grants.add(b.get().grant());
            } else if (custom.containsKey(n)) {
                for (RolePermission p : custom.get(n).permissions()) {
                    grants.add(grant(tenantId, p));
                }
            }
        }
        Set<Action> scopes = session == null || session.scopes() == null ? null
                : session.scopes().stream().map(Action::parse).flatMap(Optional::stream)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Action.class)));
        return Optional.of(new Principal(tenantId, tenantId, userId, user.get().username(), names, grants, session,
                scopes));
    }

    private Grant grant(UUID tenantId, RolePermission p) {
        Set<Action> actions = p.actions().stream().map(Action::parse).flatMap(Optional::stream)
                .filter(Action.GRANTABLE::contains).collect(Collectors.toSet());
        Set<UUID> cams = new HashSet<>(p.cameraIds());
        if (!p.allCameras()) {
            cams.addAll(groups.members(tenantId, p.groupIds()));
        }
        return new Grant(actions, p.allCameras(), cams,
                p.windowSeconds() == null ? null : Duration.ofSeconds(p.windowSeconds()));
    }
}
