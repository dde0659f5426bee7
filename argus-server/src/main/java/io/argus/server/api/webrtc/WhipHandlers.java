package io.argus.server.api.webrtc;

import io.argus.media.path.Path;
import io.argus.media.path.PathManager;
import io.argus.metadata.Tenants;
import io.argus.server.api.ApiException;
import io.argus.server.api.Audit;
import io.argus.server.api.AuthFilter;
import io.argus.server.api.ErrorCode;
import io.argus.server.api.Recheck;
import io.argus.server.api.Require;
import io.argus.server.api.Routes;
import io.argus.server.audit.AuditActions;
import io.argus.server.auth.Action;
import io.argus.server.auth.MediaGrant;
import io.argus.server.auth.Principal;
import io.argus.server.auth.SessionRechecks;
import io.argus.server.camera.CameraService;
import io.argus.server.camera.TenantPath;
import io.argus.webrtc.WebRtcServer;
import io.argus.webrtc.WhepException;
import io.argus.webrtc.WhipRefusedException;
import io.argus.webrtc.WhipSession;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * WHIP (RFC 9725): a publisher's SDP offer for a camera name becomes a WebRTC session feeding that camera, as an
 * RTSP, RTMP or SRT publisher does; a name no camera has creates one. The answer's {@code Location} names the session
 * for {@code DELETE}. As for the other publishers, the caller needs manage-cameras on the camera (or on its tenant,
 * to create one), and a publish under way is re-checked every second and ends once its credential or right, or its
 * camera, is gone. A publish URL ({@code ?sig=} from {@code POST /api/v1/cameras/{id}/publish-url}) stands in for
 * the token: it publishes into its own camera only (never creates one), ends at its expiry or with its minting
 * token, and its {@code Location} carries it on so the client can {@code DELETE}. The node is ICE-lite and its
 * answer lists every host candidate: {@code PATCH} (trickle ICE) is not offered.
 */
public final class WhipHandlers extends SdpHandlers {
    static final String WHIP = "/api/v1/whip/{name}";
    static final String SESSION = WHIP + "/{session}";
    static final String PROTOCOL = "WHIP";

    public WhipHandlers(CameraService cameras, PathManager paths, WebRtcServer server, SessionRechecks rechecks) {
        super(cameras, paths, server, rechecks);
    }

    @Override
    public void install(Routes routes) {
        routes.post(WHIP, Require.AUTHENTICATED, Audit.change(AuditActions.LIVE_PUBLISH, "camera", "name"),
                        this::offer)
                .summary("WebRTC ingest (WHIP): an SDP offer (application/sdp) publishing H.264 into the camera of "
                        + "that name (created when none has it) in, 201 with the SDP answer and the session's Location "
                        + "out; needs manage-cameras on the camera (on the tenant to create one), or the camera's "
                        + "publish URL (?sig=)");
        routes.delete(SESSION, Require.AUTHENTICATED, Audit.change(AuditActions.LIVE_PUBLISH_END, "camera", "name"),
                this::end).summary("ends a WebRTC (WHIP) publisher; needs manage-cameras on the camera");
    }

    void offer(Context ctx) {
        Principal p = AuthFilter.principal(ctx);
        String name = ctx.pathParam("name");
        Optional<UUID> existing = existing(ctx, p, name);
        if (existing.isEmpty() && AuthFilter.grant(ctx).isPresent()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "the publish URL is for another camera");
        }
        if (existing.isEmpty() && !p.can(Action.MANAGE_CAMERAS)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "publishing to a new name creates a camera: this needs the "
                    + "permission " + Action.MANAGE_CAMERAS.id());
        }
        requireSdp(ctx);
        String key = existing.map(UUID::toString)
                .orElseGet(() -> new TenantPath(p.tenantId(), name).relativeTo(Tenants.DEFAULT_ID));
        WhipSession session;
        try {
            session = server.publish(() -> paths.publishTarget(key, PROTOCOL).orElseThrow(() -> new ApiException(
                    ErrorCode.VALIDATION_FAILED, "no camera " + name + ", and that is not a valid camera name")), ctx.body());
        } catch (WhepException e) {
            throw new ApiException(ErrorCode.BAD_REQUEST, e.getMessage());
        } catch (WhipRefusedException e) {
            throw new ApiException(ErrorCode.CONFLICT, e.getMessage());
        }
        UUID camera = UUID.fromString(session.owner());
        Recheck recheck = ctx.attribute(Recheck.ATTRIBUTE);
        // The camera's existence is asked too (in memory): a deleted camera's path no longer tells its publisher.
        SessionRechecks.Watch watch = recheck.and(q -> q.can(Action.MANAGE_CAMERAS, camera)
                        && cameras.find(q.tenantId(), camera.toString()).isPresent())
                .watch(rechecks, () -> session.close("its credential no longer allows it, or its camera was deleted"));
        session.onClose(watch::close);
        String sig = AuthFilter.grant(ctx).isPresent()
                ? "?" + AuthFilter.SIG + "=" + URLEncoder.encode(ctx.queryParam(AuthFilter.SIG), StandardCharsets.UTF_8)
                : "";
        answered(ctx, "/api/v1/whip/" + name + "/" + session.id() + sig, session.answer());
    }

    void end(Context ctx) {
        Principal p = AuthFilter.principal(ctx);
        String name = ctx.pathParam("name");
        UUID camera = existing(ctx, p, name).orElse(null);
        WhipSession session = server.publisher(ctx.pathParam("session"))
                .filter(s -> camera != null && s.owner().equals(camera.toString()))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no WebRTC publisher "
                        + ctx.pathParam("session") + " on camera " + name + " (it ended, or never was)"));
        session.close("the publisher ended it");
        ctx.status(200);
    }

    /**
     * The camera {@code name} names in the caller's tenant, when there is one; 404 for one the caller cannot see
     * (as if there were none), 403 for one it sees but may not publish to, or that is not its publish URL's.
     */
    private Optional<UUID> existing(Context ctx, Principal p, String name) {
        Optional<UUID> camera = cameras.find(p.tenantId(), name);
        if (camera.isPresent() && !p.sees(camera.get())) {
            throw new ApiException(ErrorCode.NOT_FOUND, "no camera with id or name " + name);
        }
        Optional<MediaGrant> signed = AuthFilter.grant(ctx);
        if (camera.isPresent() && signed.isPresent() && !signed.get().camera().equals(camera.get())) {
            throw new ApiException(ErrorCode.FORBIDDEN, "the publish URL is for another camera");
        }
        if (camera.isPresent() && !p.can(Action.MANAGE_CAMERAS, camera.get())) {
            throw new ApiException(ErrorCode.FORBIDDEN, "publishing needs the permission "
                    + Action.MANAGE_CAMERAS.id() + " on the camera");
        }
        return camera;
    }
}
