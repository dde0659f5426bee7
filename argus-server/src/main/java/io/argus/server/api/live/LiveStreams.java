package io.argus.server.api.live;

import io.argus.media.path.Path;
import io.argus.media.path.PathManager;
import io.argus.media.stream.Stream;
import io.argus.metadata.Camera;
import io.argus.server.api.ApiException;
import io.argus.server.api.ErrorCode;
import io.argus.server.api.MediaAccess;
import io.argus.server.camera.CameraService;
import io.javalin.http.Context;

/** The live stream a media request (live WebSocket, LL-HLS, WHEP) may watch, as its access allowed it. */
public final class LiveStreams {
    private LiveStreams() {
    }

    /** The request's camera's live stream; 404 for no such camera, 503 when it is not live. */
    public static Stream of(Context ctx, CameraService cameras, PathManager paths) {
        MediaAccess access = MediaAccess.of(ctx);
        if (access.camera() == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, "no camera with id " + ctx.pathParam("id"));
        }
        Camera cam = cameras.get(access.tenant(), access.camera());
        Stream s = paths.get(cam.id().toString()).map(Path::stream).orElse(null);
        if (s == null || s.isClosed()) {
            throw new ApiException(ErrorCode.NOT_LIVE, "camera " + cam.name() + " is not live"
                    + (cam.enabled() ? "" : " (disabled)"));
        }
        return s;
    }
}
