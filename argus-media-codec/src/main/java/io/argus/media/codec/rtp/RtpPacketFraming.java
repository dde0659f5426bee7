package io.argus.media.codec.rtp;

import io.netty.buffer.ByteBuf;

/**
 * What goes before each RTP packet that {@link RtpPacketizer#packetizeInto} writes into one buffer, e.g. the
 * 4-byte interleaved frame header of RTSP over TCP (RFC 2326 §10.12).
 */
@FunctionalInterface
public interface RtpPacketFraming {
    /** Writes the prefix of a {@code packetLength}-byte packet (RTP header included) at {@code out}'s writer index. */
    void prefix(ByteBuf out, int packetLength);
}
