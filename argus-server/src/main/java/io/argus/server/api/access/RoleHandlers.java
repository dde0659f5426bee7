package io.argus.server.api.access;

import io.argus.metadata.CameraGroupRepository;
import io.argus.metadata.CameraRepository;
import io.argus.metadata.CustomRole;
import io.argus.metadata.DuplicateNameException;
import io.argus.metadata.RolePermission;
import io.argus.metadata.RoleRepository;
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
import io.argus.server.api.access.AccessDtos.PermissionBody;
import io.argus.server.api.access.AccessDtos.RoleRequest;
import io.argus.server.api.access.AccessDtos.RoleResponse;
import io.argus.server.audit.AuditActions;
import io.argus.server.auth.Action;
import io.argus.server.auth.BuiltInRole;
import io.argus.server.auth.Principal;
import io.argus.server.auth.RoleRights;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@code /api/v1/roles}: the built-in roles (read only) and the tenant's custom ones. A permission is actions on
 * all cameras, on camera ids or on camera groups, with an optional window for playback and export.
 */
final class RoleHandlers implements ApiModule {
    private static final String BASE = "/api/v1/roles";

    /** Most permissions in one role: a role is read on every request, and a real one needs a handful. */
    static final int MAX_PERMISSIONS = 64;

    private final RoleRepository roles;
    private final CameraGroupRepository groups;
    private final CameraRepository cameras;
    private final RoleRights rights;
    private final Clock clock;

    RoleHandlers(RoleRepository roles, CameraGroupRepository groups, CameraRepository cameras, RoleRights rights,
                 Clock clock) {
        this.roles = roles;
        this.groups = groups;
        this.cameras = cameras;
        this.rights = rights;
        this.clock = clock;
    }

    @Override
    public void install(Routes routes) {
        routes.get(BASE, Require.tenant(Action.MANAGE_USERS), this::list)
                .summary("roles of the tenant, built-in and custom").returnsListOf(RoleResponse.class);
        routes.post(BASE, Require.tenant(Action.MANAGE_USERS), Audit.create(AuditActions.ROLE_CREATE, "role"),
                this::create)
                .summary("creates a custom role").body(RoleRequest.class).returns(RoleResponse.class);
        routes.get(BASE + "/{rid}", Require.tenant(Action.MANAGE_USERS), this::get)
                .summary("one role").returns(RoleResponse.class);
        routes.put(BASE + "/{rid}", Require.tenant(Action.MANAGE_USERS),
                Audit.change(AuditActions.ROLE_UPDATE, "role", "rid"), this::put)
                .summary("replaces a custom role").body(RoleRequest.class).returns(RoleResponse.class);
        routes.delete(BASE + "/{rid}", Require.tenant(Action.MANAGE_USERS),
                Audit.change(AuditActions.ROLE_DELETE, "role", "rid"), this::delete)
                .summary("deletes a custom role");
    }

    private void list(Context ctx) {
        List<RoleResponse> out = new ArrayList<>();
        for (BuiltInRole b : BuiltInRole.values()) {
            out.add(new RoleResponse(null, b.id(), null, true, List.of(new PermissionBody(
                    b.actions().stream().map(Action::id).toList(), true, List.of(), List.of(), null))));
        }
        roles.list(AuthFilter.principal(ctx).tenantId()).forEach(r -> out.add(response(r)));
        ctx.json(out);
    }

    private void get(Context ctx) {
        ctx.json(response(role(ctx)));
    }

    private void create(Context ctx) {
        Principal p = AuthFilter.principal(ctx);
        RoleRequest req = RequestBodies.read(ctx, RoleRequest.class);
        CustomRole r = parse(p, UUID.randomUUID(), req);
        try {
            roles.insert(r);
        } catch (DuplicateNameException e) {
            throw new ApiException(ErrorCode.CONFLICT, "a role named " + r.name() + " exists");
        }
        ctx.status(201).header("Location", BASE + "/" + r.id()).json(response(r));
    }

    private void put(Context ctx) {
        Principal p = AuthFilter.principal(ctx);
        CustomRole old = role(ctx);
        rights.actions(p.tenantId(), old.name(), "name").forEach(a -> RoleRights.mayGive(p, Set.of(a)));
        CustomRole r = parse(p, old.id(), RequestBodies.read(ctx, RoleRequest.class));
        try {
            roles.update(new CustomRole(r.tenantId(), r.id(), r.name(), r.description(), r.permissions(),
                    old.createdAt()));
        } catch (DuplicateNameException e) {
            throw new ApiException(ErrorCode.CONFLICT, "a role named " + r.name() + " exists");
        }
        ctx.json(response(roles.find(p.tenantId(), old.id()).orElseThrow()));
    }

    private void delete(Context ctx) {
        Principal p = AuthFilter.principal(ctx);
        CustomRole r = role(ctx);
        RoleRights.mayGive(p, rights.actions(p.tenantId(), r.name(), "name"));
        roles.delete(p.tenantId(), r.id());
        ctx.status(204);
    }

    private CustomRole role(Context ctx) {
        String raw = ctx.pathParam("rid");
        if (BuiltInRole.parse(raw).isPresent()) {
            throw new ApiException(ErrorCode.FORBIDDEN, raw + " is a built-in role and cannot be changed");
        }
        UUID id = PathIds.uuid(ctx, "rid", "role");
        return roles.find(AuthFilter.principal(ctx).tenantId(), id).orElseThrow(() ->
                new ApiException(ErrorCode.NOT_FOUND, "no role with id " + id));
    }

    private CustomRole parse(Principal p, UUID id, RoleRequest req) {
        String name = Validate.name("name", req.name());
        if (BuiltInRole.parse(name).isPresent()) {
            throw Validate.invalid("name", "is a built-in role's name");
        }
        Validate.text("description", req.description());
        if (req.description() != null && req.description().length() > 500) {
            throw Validate.invalid("description", "must be at most 500 characters");
        }
        if (req.permissions() == null || req.permissions().isEmpty() || req.permissions().size() > MAX_PERMISSIONS) {
            throw Validate.invalid("permissions", "must hold 1-" + MAX_PERMISSIONS + " permissions");
        }
        List<RolePermission> out = new ArrayList<>();
        for (PermissionBody b : req.permissions()) {
            out.add(permission(p, b));
        }
        return new CustomRole(p.tenantId(), id, name, req.description(), out, clock.instant());
    }

    private RolePermission permission(Principal p, PermissionBody b) {
        if (b == null || b.actions() == null || b.actions().isEmpty()) {
            throw Validate.invalid("permissions.actions", "must name at least one action");
        }
        Set<Action> actions = EnumSet.noneOf(Action.class);
        for (String a : b.actions()) {
            Action action = Action.parse(a).filter(Action.GRANTABLE::contains).orElseThrow(() -> Validate.invalid(
                    "permissions.actions", "must be some of " + Action.GRANTABLE.stream().map(Action::id)
                            .collect(Collectors.joining(", ")) + " (not " + a + ")"));
            actions.add(action);
        }
        RoleRights.mayGive(p, actions);
        boolean all = Boolean.TRUE.equals(b.allCameras());
        Set<UUID> cams = ids("permissions.cameraIds", b.cameraIds());
        Set<UUID> grps = ids("permissions.groupIds", b.groupIds());
        for (UUID c : cams) {
            if (cameras.find(p.tenantId(), c).isEmpty()) {
                throw Validate.invalid("permissions.cameraIds", "names no camera: " + c);
            }
        }
        Set<UUID> known = groups.list(p.tenantId()).stream().map(g -> g.id()).collect(Collectors.toSet());
        for (UUID g : grps) {
            if (!known.contains(g)) {
                throw Validate.invalid("permissions.groupIds", "names no camera group: " + g);
            }
        }
        boolean cameraActions = actions.stream().anyMatch(Action::camera);
        if (cameraActions && !all && cams.isEmpty() && grps.isEmpty()) {
            throw Validate.invalid("permissions", "camera actions need allCameras, cameraIds or groupIds");
        }
        if (b.windowSeconds() != null && (b.windowSeconds() < 1 || b.windowSeconds() > 3650L * 86400)) {
            throw Validate.invalid("permissions.windowSeconds", "must be 1 second to 10 years");
        }
        return new RolePermission(actions.stream().map(Action::id).collect(Collectors.toCollection(
                LinkedHashSet::new)), all, cams, grps, b.windowSeconds());
    }

    private static Set<UUID> ids(String field, List<String> raw) {
        return raw == null ? Set.of() : raw.stream().map(s -> Validate.uuid(field, s)).collect(Collectors.toSet());
    }

    private static RoleResponse response(CustomRole r) {
        return new RoleResponse(r.id().toString(), r.name(), r.description(), false, r.permissions().stream()
                .map(p -> new PermissionBody(sorted(p.actions()), p.allCameras(), sortedIds(p.cameraIds()),
                        sortedIds(p.groupIds()), p.windowSeconds())).toList());
    }

    private static List<String> sorted(Set<String> actions) {
        return Arrays.stream(Action.values()).map(Action::id).filter(actions::contains).toList();
    }

    private static List<String> sortedIds(Set<UUID> ids) {
        return ids.stream().map(UUID::toString).sorted().toList();
    }
}
