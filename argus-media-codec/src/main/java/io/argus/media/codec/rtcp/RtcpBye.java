package io.argus.media.codec.rtcp;

import java.util.List;

/**
 * A goodbye packet (RFC 3550 §6.6): the sources are leaving.
 *
 * @param ssrcs  the sources leaving
 * @param reason the reason given, or null
 */
public record RtcpBye(List<Long> ssrcs, String reason) implements RtcpPacket {

    public RtcpBye {
        ssrcs = List.copyOf(ssrcs);
    }

    @Override
    public int type() {
        return RtcpPacketType.BYE;
    }
}
