package io.argus.server.api;

import io.argus.metadata.Camera;
import io.argus.server.camera.CameraService;
import io.javalin.http.Context;
import java.util.UUID;

/** Ids in request paths: a malformed one names nothing, so it is a 404 like an unknown one. */
public final class PathIds {
    private PathIds() {
    }

    /** The UUID in path parameter {@code param}; 404 naming {@code what} if it is not one. */
    public static UUID uuid(Context ctx, String param, String what) {
        String raw = ctx.pathParam(param);
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.NOT_FOUND, "no " + what + " with id " + raw);
        }
    }

    /** The camera of path parameter {@code id}, in the caller's tenant (404 otherwise). */
    public static Camera camera(Context ctx, CameraService cameras) {
        return cameras.get(AuthFilter.principal(ctx).tenantId(), uuid(ctx, "id", "camera"));
    }
}
