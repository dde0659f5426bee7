package io.argus.media.codec.rtp.h264;

import io.argus.media.codec.rtp.internal.NalUnitPacketizer;
import io.netty.buffer.ByteBuf;

/**
 * RFC 6184 packetizer, packetization mode 1: single NAL unit packets (§5.6) and FU-A (§5.8); see
 * {@link NalUnitPacketizer} for what is shared.
 */
public final class H264Packetizer extends NalUnitPacketizer {

    public H264Packetizer(int payloadType, long ssrc, int initialSequence, int mtu) {
        super(payloadType, ssrc, initialSequence, mtu, 1, 2);
    }

    /** FU indicator (F and NRI of the NAL unit, type 28) and FU header (S, E, R=0, the NAL unit type). */
    @Override
    protected void writeFuHeader(ByteBuf out, ByteBuf nal, boolean start, boolean end) {
        int nalHeader = nal.getUnsignedByte(nal.readerIndex());
        out.writeByte((nalHeader & 0xe0) | 28);
        out.writeByte((start ? 0x80 : 0) | (end ? 0x40 : 0) | (nalHeader & 0x1f));
    }
}
