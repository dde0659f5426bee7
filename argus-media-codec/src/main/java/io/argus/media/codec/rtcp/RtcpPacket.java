package io.argus.media.codec.rtcp;

/** One packet of a compound RTCP packet (RFC 3550 §6.4). Parsed by {@link RtcpParser}, written by {@link RtcpWriter}. */
public sealed interface RtcpPacket permits RtcpSenderReport, RtcpReceiverReport, RtcpSourceDescription, RtcpBye,
        RtcpUnknownPacket {

    /** The packet type (PT) field: one of {@link RtcpPacketType}'s constants, or any other for an unknown packet. */
    int type();
}
