package io.argus.server.api.live;

import io.argus.media.path.Path;
import io.argus.media.path.PathManager;
import io.argus.media.stream.Stream;
import io.argus.metadata.Camera;
import io.argus.server.api.ApiException;
import io.argus.server.api.ErrorCode;
import io.argus.server.api.MediaAccess;
import io.argus.server.camera.CameraService;
import io.argus.media.path.DemandRefusedException;
import io.javalin.http.Context;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The live stream a media request (live WebSocket, LL-HLS, WHEP, snapshot) may watch, as its access allowed it. */
public final class LiveStreams {
    /**
     * How long a request waits for a camera relayed from the node that owns it to go live (about a second; see
     * docs/cluster.md); a camera of this node is live or not at once.
     */
    static final long DEMAND_WAIT_SECONDS = 5;

    private LiveStreams() {
    }

    /** The request's camera's live stream; 404 for no such camera, 503 when it is not live. */
    public static Stream of(Context ctx, CameraService cameras, PathManager paths) {
        MediaAccess access = MediaAccess.of(ctx);
        if (access.camera() == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, "no camera with id " + ctx.pathParam("id"));
        }
        return of(cameras.get(access.tenant(), access.camera()), paths);
    }

    /**
     * The camera's live stream, asked for as a viewer asks ({@link Path#demand}: on a node that does not own the
     * camera this starts its relay); 503 when it is not live, or when no node owns it now.
     */
    public static Stream of(Camera cam, PathManager paths) {
        Path path = paths.get(cam.id().toString()).orElse(null);
        Stream s = null;
        if (path != null) {
            try {
                s = path.demand().get(DEMAND_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof DemandRefusedException n) {
                    throw new ApiException(ErrorCode.NO_OWNER, n.getMessage());
                }
                throw new IllegalStateException(e.getCause());
            } catch (TimeoutException e) {
                s = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiException(ErrorCode.NOT_LIVE, "camera " + cam.name() + " is not live");
            }
        }
        if (s == null || s.isClosed()) {
            throw new ApiException(ErrorCode.NOT_LIVE, "camera " + cam.name() + " is not live"
                    + (cam.enabled() ? "" : " (disabled)"));
        }
        return s;
    }
}
