package io.argus.media.rtsp.server;

import io.argus.media.rtsp.RtspRequest;
import io.argus.media.rtsp.RtspSessionHeader;

/** A request with what every handler needs parsed once: its path/track URL and session id. */
final class RtspServerRequest {
    private final RtspRequest request;
    private final RtspServerUrls url;
    private final String sessionId;

    RtspServerRequest(RtspRequest request) {
        this.request = request;
        this.url = RtspServerUrls.parse(request.uri());
        RtspSessionHeader s = RtspSessionHeader.parse(request.headers().get("Session"));
        this.sessionId = s == null ? null : s.id();
    }

    RtspRequest request() {
        return request;
    }

    String method() {
        return request.method();
    }

    /** The parsed URL, or null if the URI is malformed. */
    RtspServerUrls url() {
        return url;
    }

    String sessionId() {
        return sessionId;
    }
}
