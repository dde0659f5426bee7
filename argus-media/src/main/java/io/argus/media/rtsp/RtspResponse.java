package io.argus.media.rtsp;

import java.util.Objects;

/**
 * An RTSP response (RFC 2326 §7).
 *
 * @param status the status code (RFC 2326 §7.1.1)
 * @param reason the reason phrase as sent (may be empty)
 */
public record RtspResponse(int status, String reason, RtspHeaders headers, String body) implements RtspMessage {

    public RtspResponse {
        Objects.requireNonNull(reason);
        Objects.requireNonNull(headers);
        body = body == null ? "" : body;
    }

    /** A response with the standard reason phrase for {@code status}. */
    public RtspResponse(int status) {
        this(status, RtspStatus.reason(status), new RtspHeaders(), "");
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** Status and reason for operators, e.g. {@code 401 Unauthorized}. */
    public String statusLine() {
        return reason.isEmpty() ? Integer.toString(status) : status + " " + reason;
    }

    @Override
    public String toString() {
        return statusLine() + " [" + headers + "]";
    }
}
