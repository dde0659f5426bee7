package io.argus.media.hls;

/** Why a request to a muxer has no answer; the server maps each reason to an HTTP status. */
public final class LlHlsException extends RuntimeException {

    /** The reasons, with the status RFC 8216bis asks for where it asks for one. */
    public enum Reason {
        /** A blocking request asked too far ahead (§6.2.5.2: 400 Bad Request). */
        TOO_FAR_AHEAD,
        /** The part or segment is not in the window (gone, or not announced yet): 404. */
        NOT_FOUND,
        /** Nothing came within three target durations (the camera stalled): 503. */
        TIMEOUT,
        /** The muxer stopped (stream ended, idle, or a GOP too long for the window); ask the server again. */
        STOPPED
    }

    private final Reason reason;

    public LlHlsException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
