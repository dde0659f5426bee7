package io.argus.media.rtsp;

/**
 * An RTSP request or response. Bodies are small text (SDP, GET_PARAMETER lists), so they are held as a
 * {@link String}; media never travels in a message body.
 */
public sealed interface RtspMessage permits RtspRequest, RtspResponse {

    /** The protocol version of the start line; Argus speaks and accepts {@code RTSP/1.0}. */
    String VERSION = "RTSP/1.0";

    RtspHeaders headers();

    /** The body, empty when there is none. */
    String body();

    /** The CSeq header, or -1. */
    default int cseq() {
        return headers().cseq();
    }
}
