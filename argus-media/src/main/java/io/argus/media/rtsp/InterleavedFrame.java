package io.argus.media.rtsp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * One TCP-interleaved frame (RFC 2326 §10.12): {@code $}, a channel byte, a 16-bit length, then one RTP or
 * RTCP packet. The content is a retained slice of the socket's read buffer, never a copy.
 */
public final class InterleavedFrame extends DefaultByteBufHolder {

    /** Bytes before the packet: {@code $}, channel, 16-bit length. */
    public static final int HEADER_LENGTH = 4;

    /**
     * Largest packet a frame can carry: the length field is 16 bits. No smaller limit is imposed because
     * cameras send whole access-unit fragments up to this size over TCP.
     */
    public static final int MAX_LENGTH = 0xffff;

    private final int channel;

    /** <b>Takes ownership</b> of {@code packet}. */
    public InterleavedFrame(int channel, ByteBuf packet) {
        super(packet);
        this.channel = channel;
    }

    public int channel() {
        return channel;
    }

    /** Writes the 4-byte frame header for a packet of {@code length} bytes to {@code out}. */
    public static void writeHeader(ByteBuf out, int channel, int length) {
        out.writeByte('$');
        out.writeByte(channel);
        out.writeShort(length);
    }

    @Override
    public InterleavedFrame replace(ByteBuf content) {
        return new InterleavedFrame(channel, content);
    }

    @Override
    public String toString() {
        return "InterleavedFrame[ch=" + channel + ", " + content().readableBytes() + "B]";
    }
}
