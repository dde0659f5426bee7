package io.argus.media.codec.rtcp;

import java.util.List;

/**
 * The result of parsing one compound RTCP packet: the packets read, in order, and how parsing ended. When
 * {@link #status()} is not {@link RtcpStatus#OK}, {@link #packets()} holds those before the broken one.
 */
public record RtcpCompound(List<RtcpPacket> packets, RtcpStatus status) {

    public RtcpCompound {
        packets = List.copyOf(packets);
    }

    /** The first sender report from {@code ssrc}, or null. */
    public RtcpSenderReport senderReport(long ssrc) {
        for (RtcpPacket p : packets) {
            if (p instanceof RtcpSenderReport sr && sr.ssrc() == ssrc) {
                return sr;
            }
        }
        return null;
    }

    /** The first sender report, from whichever source, or null. */
    public RtcpSenderReport firstSenderReport() {
        for (RtcpPacket p : packets) {
            if (p instanceof RtcpSenderReport sr) {
                return sr;
            }
        }
        return null;
    }
}
