package io.argus.server.api.webrtc;

import io.argus.media.path.PathManager;
import io.argus.media.stream.Stream;
import io.argus.server.api.ApiException;
import io.argus.server.api.ApiModule;
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
public final class WhepHandlers implements ApiModule {
    static final String WHEP = "/api/v1/cameras/{id}/" + MediaPaths.WHEP;
    static final String SESSION = WHEP + "/{session}";
    static final String SDP = "application/sdp";

    private final CameraService cameras;
    private final PathManager paths;
    private final WebRtcServer server;
    private final SessionRechecks rechecks;

    public WhepHandlers(CameraService cameras, PathManager paths, WebRtcServer server, SessionRechecks rechecks) {
        this.cameras = cameras;
        this.paths = paths;
        this.server = server;
        this.rechecks = rechecks;
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
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith(SDP)) {
            throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "send the SDP offer as Content-Type: " + SDP);
        }
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
        ctx.status(201).contentType(SDP)
                .header("Location", MediaPaths.of(ctx.pathParam("id"), MediaPaths.WHEP + "/" + session.id()) + query);
        IceServerLinks.of(server.iceServers()).forEach(link -> ctx.res().addHeader("Link", link));
        ctx.result(session.answer());
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
