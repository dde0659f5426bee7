package io.argus.media.codec.rtcp;

import java.util.List;

/**
 * A sender report (RFC 3550 §6.4.1): the sender's wall clock and RTP clock at one instant, and what it sent.
 *
 * @param ssrc         the sender
 * @param ntpTimestamp the wall-clock time as a 64-bit NTP timestamp ({@link NtpTime})
 * @param rtpTimestamp the same instant in the RTP clock of the sender's data packets (32 bits, unsigned)
 * @param packetCount  RTP data packets sent since the start (32 bits, wraps)
 * @param octetCount   RTP payload octets sent since the start, headers and padding excluded (32 bits, wraps)
 * @param reports      reception reports about sources the sender also receives (usually none)
 */
public record RtcpSenderReport(long ssrc, long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount,
                               List<RtcpReportBlock> reports) implements RtcpPacket {

    /** Bytes of an SR without report blocks: header, SSRC and the 20-byte sender info. */
    public static final int LENGTH_WITHOUT_BLOCKS = 28;

    public RtcpSenderReport {
        reports = List.copyOf(reports);
    }

    @Override
    public int type() {
        return RtcpPacketType.SR;
    }
}
