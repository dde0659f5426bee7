package io.argus.server.api.live;

import io.argus.media.path.PathManager;
import io.argus.media.snapshot.Snapshot;
import io.argus.media.snapshot.SnapshotCache;
import io.argus.media.snapshot.SnapshotException;
import io.argus.media.snapshot.SnapshotOptions;
import io.argus.media.stream.Stream;
import io.argus.metadata.Camera;
import io.argus.server.api.ApiException;
import io.argus.server.api.ApiModule;
import io.argus.server.api.Audit;
import io.argus.server.api.AuthFilter;
import io.argus.server.api.ErrorCode;
import io.argus.server.api.MediaAccess;
import io.argus.server.api.MediaPaths;
import io.argus.server.api.RequestBodies;
import io.argus.server.api.Require;
import io.argus.server.api.Routes;
import io.argus.server.audit.AuditActions;
import io.argus.server.auth.Action;
import io.argus.server.auth.MediaGrant;
import io.argus.server.auth.MediaUrlSigner;
import io.argus.server.auth.Principal;
import io.argus.server.camera.CameraService;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A camera's media that is not a protocol of its own: the live snapshot ({@code snapshot.jpg}) and the signed
 * URLs for every media path ({@code media-urls}).
 */
public final class MediaHandlers implements ApiModule {
    /** An hour: a page that embeds the URLs works for a viewing session without asking again. */
    static final long DEFAULT_URL_TTL_SECONDS = 3600;

    /** A day: long enough for a shared clip link, short enough that a leaked URL does not stay useful. */
    static final long MAX_URL_TTL_SECONDS = 86_400;

    private static final String CAMERA = "/api/v1/cameras/{id}/";

    private final CameraService cameras;
    private final PathManager paths;
    private final SnapshotCache snapshots;
    private final MediaUrlSigner signer;
    private final Clock clock;

    public MediaHandlers(CameraService cameras, PathManager paths, SnapshotCache snapshots, MediaUrlSigner signer,
                         Clock clock) {
        this.cameras = cameras;
        this.paths = paths;
        this.snapshots = snapshots;
        this.signer = signer;
        this.clock = clock;
    }

    @Override
    public void install(Routes routes) {
        routes.get(CAMERA + MediaPaths.SNAPSHOT, Require.camera(Action.VIEW_LIVE), Audit.view(AuditActions.SNAPSHOT),
                this::snapshot)
                .summary("a JPEG of the latest keyframe");
        routes.post(CAMERA + "media-urls", Require.cameraVisible(), Audit.change(AuditActions.MEDIA_URL, "camera", "id"),
                this::mediaUrls)
                .summary("signed media URLs for a camera (for players that cannot send a header)").body(MediaUrlRequest.class).returns(MediaUrlResponse.class);
    }

    /**
     * The latest keyframe as a JPEG, decoded on this request's (virtual) thread; kept for a second per camera
     * and options, so polling viewers share one decode.
     */
    void snapshot(Context ctx) throws InterruptedException {
        MediaAccess access = MediaAccess.of(ctx);
        Camera cam = camera(access.tenant(), access.camera(), ctx);
        SnapshotOptions options = options(ctx);
        Stream stream = LiveStreams.of(cam, paths);
        Snapshot snap;
        try {
            snap = snapshots.get(cam.id().toString(), stream, options);
        } catch (SnapshotException e) {
            if (e.reason() == SnapshotException.Reason.NO_KEYFRAME) {
                throw new ApiException(ErrorCode.NOT_LIVE, "camera " + cam.name() + " has no picture: "
                        + e.getMessage());
            }
            throw new ApiException(ErrorCode.DECODE_FAILED, "cannot make a snapshot of camera " + cam.name() + ": "
                    + e.getMessage());
        }
        ctx.header("Cache-Control", "no-store")
                .header("X-Snapshot-Taken-At", snap.takenAt().toString())
                .contentType("image/jpeg")
                .result(snap.jpeg());
    }

    private static SnapshotOptions options(Context ctx) {
        int width = intParam(ctx, "width", 0);
        int quality = intParam(ctx, "quality", SnapshotOptions.DEFAULT_QUALITY);
        try {
            return new SnapshotOptions(width, quality);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, e.getMessage());
        }
    }

    private static int intParam(Context ctx, String name, int def) {
        String raw = ctx.queryParam(name);
        if (raw == null) {
            return def;
        }
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, name + " must be a whole number",
                    Map.of(name, "not a whole number"));
        }
    }

    /**
     * Signs one token for the camera and returns every media URL with it. Needs a bearer token; the URLs do what
     * it may do on the camera (403 if that is none of view-live, playback and export), live no longer than it
     * and die with it.
     */
    void mediaUrls(Context ctx) {
        Principal p = AuthFilter.principal(ctx);
        Camera cam = camera(p.tenantId(), uuidOrNull(ctx.pathParam("id")), ctx);
        MediaUrlRequest req = ctx.bodyAsBytes().length == 0 ? MediaUrlRequest.DEFAULT
                : RequestBodies.read(ctx, MediaUrlRequest.class);
        long ttl = req.expiresInSeconds() == null ? DEFAULT_URL_TTL_SECONDS : req.expiresInSeconds();
        if (ttl < 1 || ttl > MAX_URL_TTL_SECONDS) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "expiresInSeconds must be 1.." + MAX_URL_TTL_SECONDS,
                    Map.of("expiresInSeconds", "1.." + MAX_URL_TTL_SECONDS));
        }
        if (req.from() != null && req.to() != null && req.from().isAfter(req.to())) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "from must not be after to",
                    Map.of("from", "after to"));
        }
        MediaGrant g = MediaGrant.mint(p, cam.id(), Instant.ofEpochSecond(clock.instant().getEpochSecond() + ttl),
                req.from(), req.to());
        String sig = signer.sign(g);
        String q = "?" + AuthFilter.SIG + "=" + sig;
        ctx.json(new MediaUrlResponse(MediaPaths.of(cam.id(), MediaPaths.SNAPSHOT) + q,
                MediaPaths.of(cam.id(), MediaPaths.LIVE_HLS) + q, MediaPaths.of(cam.id(), MediaPaths.LIVE_WS) + q,
                MediaPaths.of(cam.id(), MediaPaths.PLAYBACK_HLS) + q, MediaPaths.of(cam.id(), MediaPaths.EXPORT_MP4) + q,
                sig, g.expiresAt(), req.from(), req.to(),
                MediaGrant.MEDIA.stream().filter(g.actions()::contains).map(Action::id).toList()));
    }

    private Camera camera(UUID tenant, UUID id, Context ctx) {
        if (id == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, "no camera with id " + ctx.pathParam("id"));
        }
        return cameras.get(tenant, id);
    }

    private static UUID uuidOrNull(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
