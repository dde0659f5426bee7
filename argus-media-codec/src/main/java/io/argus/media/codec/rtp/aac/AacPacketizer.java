package io.argus.media.codec.rtp.aac;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.rtp.RtpPacket;
import io.argus.media.codec.rtp.RtpPacketSink;
import io.argus.media.codec.rtp.RtpPacketizer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * RFC 3640 AAC-hbr packetizer: one AAC frame per packet behind a single 16-bit AU header (13-bit size, 3-bit
 * index 0), fragmented over packets when larger than the MTU (§3.2.3), marker bit on every packet that ends a
 * frame. Each packet is a 16-byte header buffer plus a retained slice of the frame. Frames over 8191 bytes
 * (impossible for AAC-LC: 6144 bits per channel) cannot be described by a 13-bit size and are skipped.
 */
public final class AacPacketizer implements RtpPacketizer {

    /** Largest frame a 13-bit AU-size can describe. */
    public static final int MAX_FRAME = (1 << 13) - 1;
    private static final int AU_SECTION = 4;
    private static final int MIN_MTU = RtpPacket.HEADER_LENGTH + AU_SECTION + 16;

    private final int payloadType;
    private final long ssrc;
    private final int mtu;
    private final int frameLength;
    private int sequence;

    /** @param frameLength samples per frame (1024 for AAC-LC): the timestamp step between units of one AU */
    public AacPacketizer(int payloadType, long ssrc, int initialSequence, int mtu, int frameLength) {
        if (payloadType < 0 || payloadType > 127 || mtu < MIN_MTU || frameLength <= 0) {
            throw new IllegalArgumentException("payload type " + payloadType + ", mtu " + mtu + " (at least "
                    + MIN_MTU + "), frame length " + frameLength);
        }
        this.payloadType = payloadType;
        this.ssrc = ssrc & 0xffffffffL;
        this.sequence = initialSequence & 0xffff;
        this.mtu = mtu;
        this.frameLength = frameLength;
    }

    @Override
    public void packetize(AccessUnit au, long rtpTimestamp, ByteBufAllocator alloc, RtpPacketSink sink) {
        int maxData = mtu - RtpPacket.HEADER_LENGTH - AU_SECTION;
        for (int i = 0; i < au.unitCount(); i++) {
            ByteBuf frame = au.unit(i);
            int size = frame.readableBytes();
            if (size == 0 || size > MAX_FRAME) {
                continue;
            }
            long ts = rtpTimestamp + (long) i * frameLength;
            int ri = frame.readerIndex();
            for (int pos = 0; pos < size; pos += maxData) {
                int n = Math.min(maxData, size - pos);
                ByteBuf header = alloc.buffer(RtpPacket.HEADER_LENGTH + AU_SECTION);
                RtpPacket.writeHeader(header, pos + n == size, payloadType, sequence, ts, ssrc);
                sequence = (sequence + 1) & 0xffff;
                header.writeShort(16);
                header.writeShort(size << 3);
                sink.packet(header, frame.retainedSlice(ri + pos, n));
            }
        }
    }

    @Override
    public int nextSequence() {
        return sequence;
    }

    @Override
    public long ssrc() {
        return ssrc;
    }
}
