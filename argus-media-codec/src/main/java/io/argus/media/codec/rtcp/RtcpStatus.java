package io.argus.media.codec.rtcp;

/**
 * How parsing a compound RTCP packet ended. Anything but {@link #OK} means the rest of the datagram or frame
 * was ignored; callers count it and go on.
 */
public enum RtcpStatus {
    /** Every packet was framed correctly (unknown types included). */
    OK,
    /** No bytes at all. */
    EMPTY,
    /** A header or a packet runs past the end of the buffer. */
    TRUNCATED,
    /** The version field is not 2 (not RTCP, or RTP sent to the RTCP port). */
    BAD_VERSION,
    /** The padding count is zero or larger than the packet. */
    BAD_PADDING,
    /** A packet's content does not fit its own length (more report blocks than bytes, a broken SDES chunk). */
    MALFORMED
}
