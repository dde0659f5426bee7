package io.argus.media.codec.rtcp;

import java.util.List;

/**
 * A receiver report (RFC 3550 §6.4.2).
 *
 * @param ssrc    the reporter (a receiver that sends no RTP still picks a random SSRC)
 * @param reports one block per source received since the last report
 */
public record RtcpReceiverReport(long ssrc, List<RtcpReportBlock> reports) implements RtcpPacket {

    /** Bytes of an RR without report blocks: header and SSRC. */
    public static final int LENGTH_WITHOUT_BLOCKS = 8;

    public RtcpReceiverReport {
        reports = List.copyOf(reports);
    }

    @Override
    public int type() {
        return RtcpPacketType.RR;
    }
}
