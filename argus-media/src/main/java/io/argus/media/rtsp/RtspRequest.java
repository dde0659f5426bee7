package io.argus.media.rtsp;

import java.util.Objects;

/**
 * An RTSP request (RFC 2326 §6).
 *
 * @param method e.g. {@code DESCRIBE}
 * @param uri    the request URI as sent ({@code rtsp://…} or {@code *})
 */
public record RtspRequest(String method, String uri, RtspHeaders headers, String body) implements RtspMessage {

    public RtspRequest {
        Objects.requireNonNull(method);
        Objects.requireNonNull(uri);
        Objects.requireNonNull(headers);
        body = body == null ? "" : body;
    }

    public RtspRequest(String method, String uri) {
        this(method, uri, new RtspHeaders(), "");
    }

    @Override
    public String toString() {
        return method + " " + uri + " [" + headers + "]";
    }
}
