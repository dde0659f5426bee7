package io.argus.media.codec.rtcp;

/**
 * One reception report block of an SR or RR (RFC 3550 §6.4.1), about one source.
 *
 * @param ssrc             the source this block reports on
 * @param fractionLost     packets lost since the previous report, as a fraction of 256 (0..255)
 * @param cumulativeLost   packets lost since the start, a signed 24-bit number (duplicates can make it negative)
 * @param highestSequence  the extended highest sequence number received (cycles in the upper 16 bits)
 * @param jitter           interarrival jitter in timestamp units (§6.4.1, §A.8)
 * @param lastSr           the middle 32 bits of the NTP timestamp of the last SR received from the source, 0 if none
 * @param delaySinceLastSr the delay since that SR arrived, in units of 1/65536 s, 0 if none
 */
public record RtcpReportBlock(long ssrc, int fractionLost, int cumulativeLost, long highestSequence, long jitter,
                              long lastSr, long delaySinceLastSr) {

    /** Bytes one block takes on the wire. */
    public static final int LENGTH = 24;

    /** The most blocks one SR or RR holds: the report count field has 5 bits. */
    public static final int MAX_PER_PACKET = 31;
}
