package io.argus.media.codec.rtp;

import io.netty.buffer.ByteBuf;

/**
 * A reusable, mutable view of one RTP packet (RFC 3550 §5.1). One instance per receiving track is reused for
 * every packet so that parsing allocates nothing: {@link #payload()} is the packet buffer itself with its
 * indexes moved onto the payload, <b>borrowed</b>: valid only until the packet buffer is released.
 */
public final class RtpPacket {

    /** Fixed header length without CSRCs or extension. */
    public static final int HEADER_LENGTH = 12;

    private boolean marker;
    private int payloadType;
    private int sequence;
    private long timestamp;
    private long ssrc;
    private ByteBuf buf;
    private int payloadStart;
    private int payloadEnd;

    /**
     * Parses {@code buf}'s readable bytes as one RTP packet into this view. <b>Borrows</b> {@code buf}; does not
     * move its indexes (only {@link #payload()} does).
     *
     * @return false if the bytes are not a valid RTP version 2 packet (the view is then unspecified)
     */
    public boolean parse(ByteBuf buf) {
        int start = buf.readerIndex();
        int len = buf.readableBytes();
        if (len < HEADER_LENGTH) {
            return false;
        }
        int b0 = buf.getUnsignedByte(start);
        if ((b0 >>> 6) != 2) {
            return false;
        }
        int b1 = buf.getUnsignedByte(start + 1);
        marker = (b1 & 0x80) != 0;
        payloadType = b1 & 0x7f;
        sequence = buf.getUnsignedShort(start + 2);
        timestamp = buf.getUnsignedInt(start + 4);
        ssrc = buf.getUnsignedInt(start + 8);
        int offset = HEADER_LENGTH + 4 * (b0 & 0x0f);
        if ((b0 & 0x10) != 0) {
            if (len < offset + 4) {
                return false;
            }
            offset += 4 + 4 * buf.getUnsignedShort(start + offset + 2);
        }
        int end = len;
        if ((b0 & 0x20) != 0) {
            if (len <= offset) {
                return false;
            }
            int padding = buf.getUnsignedByte(start + len - 1);
            if (padding == 0 || offset + padding > len) {
                return false;
            }
            end -= padding;
        }
        if (offset > end) {
            return false;
        }
        this.buf = buf;
        payloadStart = start + offset;
        payloadEnd = start + end;
        return true;
    }

    /** Sets the fields directly (tests, packet generators). <b>Borrows</b> {@code payload}. */
    public RtpPacket set(boolean marker, int payloadType, int sequence, long timestamp, long ssrc, ByteBuf payload) {
        this.marker = marker;
        this.payloadType = payloadType;
        this.sequence = sequence & 0xffff;
        this.timestamp = timestamp & 0xffffffffL;
        this.ssrc = ssrc & 0xffffffffL;
        this.buf = payload;
        payloadStart = payload.readerIndex();
        payloadEnd = payload.writerIndex();
        return this;
    }

    public boolean marker() {
        return marker;
    }

    public int payloadType() {
        return payloadType;
    }

    /** 16-bit sequence number, 0..65535. */
    public int sequence() {
        return sequence;
    }

    /** 32-bit RTP timestamp as an unsigned value. */
    public long timestamp() {
        return timestamp;
    }

    public long ssrc() {
        return ssrc;
    }

    /**
     * The payload: the parsed buffer itself, its reader and writer indexes set to the payload's bounds (so no
     * slice object is made per packet). <b>Borrowed</b>: retain a slice of it to keep bytes beyond the packet's
     * lifetime. Parse a buffer again only before calling this, since its header is then outside the indexes.
     */
    public ByteBuf payload() {
        buf.setIndex(payloadStart, payloadEnd);
        return buf;
    }

    /** Writes a fixed 12-byte header (no CSRC, no extension, no padding) at the writer index of {@code out}. */
    public static void writeHeader(ByteBuf out, boolean marker, int payloadType, int sequence, long timestamp,
                                   long ssrc) {
        out.writeByte(0x80);
        out.writeByte((marker ? 0x80 : 0) | (payloadType & 0x7f));
        out.writeShort(sequence);
        out.writeInt((int) timestamp);
        out.writeInt((int) ssrc);
    }
}
