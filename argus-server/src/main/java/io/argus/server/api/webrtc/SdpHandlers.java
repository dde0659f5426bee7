package io.argus.server.api.webrtc;

import io.argus.media.path.PathManager;
import io.argus.server.api.ApiException;
import io.argus.server.api.ApiModule;
import io.argus.server.api.ErrorCode;
import io.argus.server.auth.SessionRechecks;
import io.argus.server.camera.CameraService;
import io.argus.webrtc.WebRtcServer;
import io.javalin.http.Context;
import java.util.Locale;

/**
 * What WHEP and WHIP handlers share: the node's WebRTC server and what an offer is checked against, an SDP offer
 * taken in, and the 201 answer given back with its session's {@code Location} and the node's ICE servers as
 * {@code Link} headers (RFC 9725 §4.2, §4.6).
 */
abstract class SdpHandlers implements ApiModule {
    static final String SDP = "application/sdp";

    final CameraService cameras;
    final PathManager paths;
    final WebRtcServer server;
    final SessionRechecks rechecks;

    SdpHandlers(CameraService cameras, PathManager paths, WebRtcServer server, SessionRechecks rechecks) {
        this.cameras = cameras;
        this.paths = paths;
        this.server = server;
        this.rechecks = rechecks;
    }

    /** 415 unless the request carries an SDP offer. */
    static void requireSdp(Context ctx) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith(SDP)) {
            throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "send the SDP offer as Content-Type: " + SDP);
        }
    }

    /** 201 with the session's SDP {@code answer}, found at {@code location}. */
    void answered(Context ctx, String location, String answer) {
        ctx.status(201).contentType(SDP).header("Location", location);
        IceServerLinks.of(server.iceServers()).forEach(link -> ctx.res().addHeader("Link", link));
        ctx.result(answer);
    }
}
