package io.argus.server.api.webrtc;

import io.argus.media.path.PathManager;
import io.argus.media.stream.Stream;
import io.argus.server.api.ApiException;
import io.argus.server.api.Audit;
import io.argus.server.api.AuthFilter;
import io.argus.server.api.ErrorCode;
import io.argus.server.api.MediaAccess;
import io.argus.server.api.MediaPaths;
import io.argus.server.api.Recheck;
import io.argus.server.api.Require;
import io.argus.server.api.Routes;
import io.argus.server.api.live.LiveStreams;
import io.argus.server.audit.AuditActions;
import io.argus.server.auth.Action;
import io.argus.server.auth.SessionRechecks;
import io.argus.server.camera.CameraService;
import io.argus.webrtc.WebRtcServer;
import io.argus.webrtc.WhepException;
import io.argus.webrtc.WhepSession;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * WHEP (RFC 9725): an SDP offer for a camera becomes a WebRTC session sending its live video; the answer's
 * {@code Location} names the session for {@code DELETE}. The node is ICE-lite and its answer lists every host
 * candidate, so there is nothing for trickle ICE to add: {@code PATCH} is not offered (RFC 9725 §4.3 allows that).
 */
public final class WhepHandlers extends SdpHandlers {
    static final String WHEP = "/api/v1/cameras/{id}/" + MediaPaths.WHEP;
    static final String SESSION = WHEP + "/{session}";

    public WhepHandlers(CameraService cameras, PathManager paths, WebRtcServer server, SessionRechecks rechecks) {
        super(cameras, paths, server, rechecks);
    }

    @Override
    public void install(Routes routes) {
        routes.post(WHEP, Require.camera(Action.VIEW_LIVE), Audit.view(AuditActions.LIVE_VIEW), this::offer)
                .summary("WebRTC playback (WHEP): an SDP offer (application/sdp) in, 201 with the SDP answer and the "
                        + "session's Location out");
        routes.delete(SESSION, Require.camera(Action.VIEW_LIVE), Audit.change(AuditActions.LIVE_END, "camera", "id"),
                this::end).summary("ends a WebRTC (WHEP) session");
    }

    void offer(Context ctx) {
        requireSdp(ctx);
        Stream stream = LiveStreams.of(ctx, cameras, paths);
        WhepSession session;
        try {
            session = server.open(ctx.pathParam("id"), stream, ctx.body());
        } catch (WhepException e) {
            throw new ApiException(ErrorCode.BAD_REQUEST, e.getMessage());
        }
        Recheck recheck = ctx.attribute(Recheck.ATTRIBUTE);
        SessionRechecks.Watch watch = recheck.watch(rechecks,
                () -> session.close("its credential no longer allows it"));
        session.onClose(watch::close);
        String sig = ctx.queryParam(AuthFilter.SIG);
        String query = MediaAccess.of(ctx).signed() && sig != null
                ? "?" + AuthFilter.SIG + "=" + URLEncoder.encode(sig, StandardCharsets.UTF_8) : "";
        answered(ctx, MediaPaths.of(ctx.pathParam("id"), MediaPaths.WHEP + "/" + session.id()) + query,
                session.answer());
    }

    void end(Context ctx) {
        String camera = ctx.pathParam("id");
        WhepSession session = server.session(ctx.pathParam("session"))
                .filter(s -> s.owner().equals(camera))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no WebRTC session "
                        + ctx.pathParam("session") + " on this camera (it ended, or never was)"));
        session.close("the viewer ended it");
        ctx.status(200);
    }
}
