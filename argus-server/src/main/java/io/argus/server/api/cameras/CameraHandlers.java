package io.argus.server.api.cameras;

import io.argus.metadata.Camera;
import io.argus.server.api.ApiModule;
import io.argus.server.api.Audit;
import io.argus.server.api.AuthFilter;
import io.argus.server.api.PathIds;
import io.argus.server.api.RequestBodies;
import io.argus.server.api.Require;
import io.argus.server.api.Routes;
import io.argus.server.audit.AuditActions;
import io.argus.server.auth.Action;
import io.argus.server.auth.Principal;
import io.argus.server.camera.CameraService;
import io.argus.server.camera.TenantPath;
import io.javalin.http.Context;
import java.util.List;
import java.util.UUID;
import java.util.function.IntSupplier;
import java.util.function.Predicate;

/** {@code /api/v1/cameras}: list, create, read, change and delete cameras; changes apply at once. */
public final class CameraHandlers implements ApiModule {
    private static final String CAMERA = "/api/v1/cameras/{id}";

    private final CameraService cameras;
    private final IntSupplier rtspPort;
    /** Whether this node owns a camera's shard (by camera id). */
    private final Predicate<UUID> owns;

    public CameraHandlers(CameraService cameras, IntSupplier rtspPort, Predicate<UUID> owns) {
        this.cameras = cameras;
        this.rtspPort = rtspPort;
        this.owns = owns;
    }

    @Override
    public void install(Routes routes) {
        routes.get("/api/v1/cameras", Require.AUTHENTICATED, this::list)
                .summary("the cameras the caller may see, with their status").returnsListOf(CameraResponse.class);
        routes.post("/api/v1/cameras", Require.tenant(Action.MANAGE_CAMERAS), Audit.create(AuditActions.CAMERA_CREATE, "camera"),
                this::create)
                .summary("adds a camera").body(CameraRequest.class).returns(CameraResponse.class);
        routes.get(CAMERA, Require.cameraVisible(), this::get)
                .summary("one camera with its status").returns(CameraResponse.class);
        routes.patch(CAMERA, Require.camera(Action.MANAGE_CAMERAS), Audit.change(AuditActions.CAMERA_UPDATE, "camera", "id"),
                this::patch)
                .summary("changes a camera").body(CameraRequest.class).returns(CameraResponse.class);
        routes.delete(CAMERA, Require.camera(Action.MANAGE_CAMERAS), Audit.change(AuditActions.CAMERA_DELETE, "camera", "id"),
                this::delete)
                .summary("removes a camera (its recordings stay until retention)");
    }

    /** The cameras the caller may see (any camera action on them). */
    void list(Context ctx) {
        Principal p = AuthFilter.principal(ctx);
        List<CameraResponse> out = cameras.list(p.tenantId()).stream().filter(c -> p.sees(c.id()))
                .map(c -> response(ctx, c)).toList();
        ctx.json(out);
    }

    void create(Context ctx) {
        CameraRequest req = RequestBodies.read(ctx, CameraRequest.class);
        Camera c = cameras.create(AuthFilter.principal(ctx).tenantId(), req.toChange());
        ctx.status(201).header("Location", "/api/v1/cameras/" + c.id()).json(response(ctx, c));
    }

    void get(Context ctx) {
        Camera c = cameras.get(AuthFilter.principal(ctx).tenantId(), id(ctx));
        ctx.json(response(ctx, c));
    }

    void patch(Context ctx) {
        UUID id = id(ctx);
        CameraRequest req = RequestBodies.read(ctx, CameraRequest.class);
        Camera c = cameras.update(AuthFilter.principal(ctx).tenantId(), id, req.toChange());
        ctx.json(response(ctx, c));
    }

    void delete(Context ctx) {
        cameras.delete(AuthFilter.principal(ctx).tenantId(), id(ctx));
        ctx.status(204);
    }

    /** The camera as the caller sees it: another tenant's (a system admin's view) has a tenant-qualified path. */
    private CameraResponse response(Context ctx, Camera c) {
        String path = new TenantPath(c.tenantId(), c.name()).relativeTo(AuthFilter.principal(ctx).homeTenant());
        return CameraResponse.of(c, cameras.status(c).map(s -> CameraStatusResponse.of(s, owns.test(c.id()))).orElse(null),
                rtspBase(ctx) + path);
    }

    private static UUID id(Context ctx) {
        return PathIds.uuid(ctx, "id", "camera");
    }

    /** {@code rtsp://<host the client used>:<rtsp port>/}: the address that reached this API reaches RTSP too. */
    private String rtspBase(Context ctx) {
        String host = ctx.host();
        if (host == null || host.isBlank()) {
            host = "localhost";
        } else if (host.startsWith("[")) {
            host = host.substring(0, host.indexOf(']') + 1);
        } else if (host.indexOf(':') >= 0) {
            host = host.substring(0, host.indexOf(':'));
        }
        return "rtsp://" + host + ":" + rtspPort.getAsInt() + "/";
    }
}
