package io.argus.media.codec.rtp.h265;

import io.argus.media.codec.rtp.internal.NalUnitPacketizer;
import io.netty.buffer.ByteBuf;

/**
 * RFC 7798 packetizer without DONL: single NAL unit packets (§4.4.1) and fragmentation units (§4.4.3); see
 * {@link NalUnitPacketizer} for what is shared.
 */
public final class H265Packetizer extends NalUnitPacketizer {

    public H265Packetizer(int payloadType, long ssrc, int initialSequence, int mtu) {
        super(payloadType, ssrc, initialSequence, mtu, 2, 3);
    }

    /** Payload header (the NAL unit header with type 49) and FU header (S, E, the NAL unit type). */
    @Override
    protected void writeFuHeader(ByteBuf out, ByteBuf nal, boolean start, boolean end) {
        int ri = nal.readerIndex();
        int b0 = nal.getUnsignedByte(ri);
        out.writeByte((b0 & 0x81) | (49 << 1));
        out.writeByte(nal.getUnsignedByte(ri + 1));
        out.writeByte((start ? 0x80 : 0) | (end ? 0x40 : 0) | ((b0 >>> 1) & 0x3f));
    }
}
