package io.argus.media.codec.rtp.internal;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.rtp.RtpPacket;
import io.argus.media.codec.rtp.RtpPacketFraming;
import io.argus.media.codec.rtp.RtpPacketSink;
import io.argus.media.codec.rtp.RtpPacketizer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The packetization shared by RFC 6184 and RFC 7798: a NAL unit that fits goes alone in a packet, a larger one is
 * cut into fragmentation units. {@link #packetize} makes each packet a small new header buffer plus a retained slice
 * of the NAL unit (payload never copied); {@link #packetizeInto} writes the same packets into one buffer. The last packet of an access unit carries the marker bit. No aggregation: it would
 * need either a copy or one composite per packet, and the parameter sets it saves are a few dozen bytes a GOP.
 */
public abstract class NalUnitPacketizer implements RtpPacketizer {

    /** Smallest MTU accepted: RTP header, FU headers and a useful amount of data. */
    public static final int MIN_MTU = 64;

    private final int payloadType;
    private final long ssrc;
    private final int mtu;
    private final int nalHeaderLength;
    private final int fuHeaderLength;
    private int sequence;

    /**
     * @param mtu             largest RTP packet (header included) to produce, e.g. 1400 for UDP
     * @param nalHeaderLength 1 for H.264, 2 for H.265
     * @param fuHeaderLength  bytes a fragmentation unit adds before its data: 2 for FU-A, 3 for H.265 FU
     */
    protected NalUnitPacketizer(int payloadType, long ssrc, int initialSequence, int mtu, int nalHeaderLength,
                                int fuHeaderLength) {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type must be 0..127: " + payloadType);
        }
        if (mtu < MIN_MTU) {
            throw new IllegalArgumentException("mtu must be at least " + MIN_MTU + ": " + mtu);
        }
        this.payloadType = payloadType;
        this.ssrc = ssrc & 0xffffffffL;
        this.sequence = initialSequence & 0xffff;
        this.mtu = mtu;
        this.nalHeaderLength = nalHeaderLength;
        this.fuHeaderLength = fuHeaderLength;
    }

    @Override
    public void packetize(AccessUnit au, long rtpTimestamp, ByteBufAllocator alloc, RtpPacketSink sink) {
        forEachPacket(au, (nal, offset, length, marker, fu, start, end) -> {
            ByteBuf header = alloc.buffer(RtpPacket.HEADER_LENGTH + (fu ? fuHeaderLength : 0));
            RtpPacket.writeHeader(header, marker, payloadType, takeSequence(), rtpTimestamp, ssrc);
            if (fu) {
                writeFuHeader(header, nal, start, end);
            }
            sink.packet(header, nal.retainedSlice(offset, length));
        });
    }

    @Override
    public void packetizeInto(AccessUnit au, long rtpTimestamp, ByteBuf out, RtpPacketFraming framing) {
        forEachPacket(au, (nal, offset, length, marker, fu, start, end) -> {
            framing.prefix(out, RtpPacket.HEADER_LENGTH + (fu ? fuHeaderLength : 0) + length);
            RtpPacket.writeHeader(out, marker, payloadType, takeSequence(), rtpTimestamp, ssrc);
            if (fu) {
                writeFuHeader(out, nal, start, end);
            }
            out.writeBytes(nal, offset, length);
        });
    }

    @Override
    public int packetizedLength(AccessUnit au, int prefixLength) {
        int maxPayload = mtu - RtpPacket.HEADER_LENGTH;
        int chunk = maxPayload - fuHeaderLength;
        long total = 0;
        for (int i = 0; i < au.unitCount(); i++) {
            int len = au.unit(i).readableBytes();
            if (len <= maxPayload || len <= nalHeaderLength) {
                total += prefixLength + RtpPacket.HEADER_LENGTH + len;
            } else {
                long fragments = (len - nalHeaderLength + chunk - 1) / chunk;
                total += fragments * (prefixLength + RtpPacket.HEADER_LENGTH + fuHeaderLength) + len - nalHeaderLength;
            }
        }
        return (int) Math.min(total, Integer.MAX_VALUE);
    }

    /** One packet's worth of a NAL unit: {@code length} bytes at {@code offset}, a fragment when {@code fu}. */
    private interface PacketVisitor {
        void packet(ByteBuf nal, int offset, int length, boolean marker, boolean fu, boolean start, boolean end);
    }

    /** The packets of {@code au} in order: a NAL unit that fits alone, a larger one as fragments. */
    private void forEachPacket(AccessUnit au, PacketVisitor visitor) {
        int maxPayload = mtu - RtpPacket.HEADER_LENGTH;
        int units = au.unitCount();
        for (int i = 0; i < units; i++) {
            ByteBuf nal = au.unit(i);
            int len = nal.readableBytes();
            int ri = nal.readerIndex();
            boolean last = i == units - 1;
            if (len <= maxPayload || len <= nalHeaderLength) {
                visitor.packet(nal, ri, len, last, false, false, false);
                continue;
            }
            int chunk = maxPayload - fuHeaderLength;
            for (int pos = nalHeaderLength; pos < len; pos += chunk) {
                int n = Math.min(chunk, len - pos);
                boolean end = pos + n == len;
                visitor.packet(nal, ri + pos, n, last && end, true, pos == nalHeaderLength, end);
            }
        }
    }

    /** Writes the fragmentation unit's headers for {@code nal} (<b>borrowed</b>) at {@code out}'s writer index. */
    protected abstract void writeFuHeader(ByteBuf out, ByteBuf nal, boolean start, boolean end);

    private int takeSequence() {
        int s = sequence;
        sequence = (sequence + 1) & 0xffff;
        return s;
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
