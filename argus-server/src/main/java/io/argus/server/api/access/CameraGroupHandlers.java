package io.argus.server.api.access;

import io.argus.metadata.CameraGroup;
import io.argus.metadata.CameraGroupRepository;
import io.argus.metadata.DuplicateNameException;
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
import io.argus.server.api.access.AccessDtos.GroupRequest;
import io.argus.server.api.access.AccessDtos.GroupResponse;
import io.argus.server.audit.AuditActions;
import io.argus.server.auth.Action;
import io.argus.server.auth.RoleRights;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** {@code /api/v1/camera-groups}: named sets of cameras (sites, floors) that permissions are given on. */
final class CameraGroupHandlers implements ApiModule {
    private static final String BASE = "/api/v1/camera-groups";

    private final CameraGroupRepository groups;
    private final RoleRights rights;
    private final Clock clock;

    CameraGroupHandlers(CameraGroupRepository groups, RoleRights rights, Clock clock) {
        this.groups = groups;
        this.rights = rights;
        this.clock = clock;
    }

    @Override
    public void install(Routes routes) {
        routes.get(BASE, Require.tenant(Action.MANAGE_CAMERAS), this::list)
                .summary("camera groups of the tenant").returnsListOf(GroupResponse.class);
        routes.post(BASE, Require.tenant(Action.MANAGE_CAMERAS), Audit.create(AuditActions.GROUP_CREATE, "camera-group"), this::create)
                .summary("creates a camera group").body(GroupRequest.class).returns(GroupResponse.class);
        routes.get(BASE + "/{gid}", Require.tenant(Action.MANAGE_CAMERAS), this::get)
                .summary("one camera group").returns(GroupResponse.class);
        routes.put(BASE + "/{gid}", Require.tenant(Action.MANAGE_CAMERAS),
                Audit.change(AuditActions.GROUP_UPDATE, "camera-group", "gid"), this::put)
                .summary("replaces a camera group").body(GroupRequest.class).returns(GroupResponse.class);
        routes.delete(BASE + "/{gid}", Require.tenant(Action.MANAGE_CAMERAS),
                Audit.change(AuditActions.GROUP_DELETE, "camera-group", "gid"), this::delete)
                .summary("deletes a camera group");
    }

    private void list(Context ctx) {
        ctx.json(groups.list(AuthFilter.principal(ctx).tenantId()).stream().map(CameraGroupHandlers::response)
                .toList());
    }

    private void get(Context ctx) {
        ctx.json(response(group(ctx)));
    }

    private void create(Context ctx) {
        CameraGroup g = parse(ctx, UUID.randomUUID(), clock.instant());
        write(() -> groups.insert(g), g.name());
        ctx.status(201).header("Location", BASE + "/" + g.id()).json(response(g));
    }

    private void put(Context ctx) {
        CameraGroup old = group(ctx);
        CameraGroup g = parse(ctx, old.id(), old.createdAt());
        if (!old.cameraIds().containsAll(g.cameraIds())) {
            rights.checkMayAddCamerasTo(AuthFilter.principal(ctx), old.id(), old.name());
        }
        write(() -> groups.update(g), g.name());
        ctx.json(response(g));
    }

    private void delete(Context ctx) {
        CameraGroup g = group(ctx);
        groups.delete(g.tenantId(), g.id());
        ctx.status(204);
    }

    private static void write(Runnable r, String name) {
        try {
            r.run();
        } catch (DuplicateNameException e) {
            throw new ApiException(ErrorCode.CONFLICT, "a camera group named " + name + " exists");
        } catch (IllegalArgumentException e) {
            throw Validate.invalid("cameraIds", "names " + e.getMessage());
        }
    }

    private CameraGroup parse(Context ctx, UUID id, Instant created) {
        GroupRequest req = RequestBodies.read(ctx, GroupRequest.class);
        String name = Validate.name("name", req.name());
        List<String> raw = req.cameraIds() == null ? List.of() : req.cameraIds();
        Set<UUID> cams = raw.stream().map(s -> Validate.uuid("cameraIds", s)).collect(Collectors.toSet());
        return new CameraGroup(AuthFilter.principal(ctx).tenantId(), id, name, cams, created);
    }

    private CameraGroup group(Context ctx) {
        UUID id = PathIds.uuid(ctx, "gid", "camera group");
        return groups.find(AuthFilter.principal(ctx).tenantId(), id).orElseThrow(() ->
                new ApiException(ErrorCode.NOT_FOUND, "no camera group with id " + id));
    }

    private static GroupResponse response(CameraGroup g) {
        return new GroupResponse(g.id().toString(), g.name(), g.cameraIds().stream().map(UUID::toString).sorted()
                .toList(), g.createdAt());
    }
}
