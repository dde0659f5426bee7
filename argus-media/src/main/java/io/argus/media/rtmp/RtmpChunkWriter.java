package io.argus.media.rtmp;

import io.argus.media.codec.amf.Amf0;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Writes the few messages a server sends (protocol control, user control, AMF0 commands) as chunks (§5.3): a type 0
 * header, then type 3 headers every {@code chunkSize} bytes. They are small and rare, so each is written whole into
 * one buffer.
 */
public final class RtmpChunkWriter {
    /** §5.4: protocol control messages go on chunk stream 2, message stream 0. */
    public static final int CONTROL_CHUNK_STREAM = 2;
    /** Commands and their answers: chunk stream 3, as ffmpeg and librtmp use. */
    public static final int COMMAND_CHUNK_STREAM = 3;
    /** Status messages of a message stream (onStatus): chunk stream 5, as nginx-rtmp uses. */
    public static final int STATUS_CHUNK_STREAM = 5;

    private final int chunkSize;

    /** @param chunkSize the chunk size this side told the peer (128 until a Set Chunk Size was sent) */
    public RtmpChunkWriter(int chunkSize) {
        this.chunkSize = chunkSize;
    }

    /** A message whose payload is {@code payload}. <b>Borrows</b> {@code payload}; returns a new buffer. */
    public ByteBuf message(ByteBufAllocator alloc, int chunkStream, int type, int streamId, ByteBuf payload) {
        if (chunkStream < 2 || chunkStream > 63) {
            throw new IllegalArgumentException("one-byte chunk stream ids are 2 to 63: " + chunkStream);
        }
        int length = payload.readableBytes();
        ByteBuf out = alloc.buffer(12 + length + length / chunkSize);
        out.writeByte(chunkStream);
        out.writeMedium(0);
        out.writeMedium(length);
        out.writeByte(type);
        out.writeIntLE(streamId);
        int at = payload.readerIndex();
        int end = at + length;
        while (true) {
            int n = Math.min(chunkSize, end - at);
            out.writeBytes(payload, at, n);
            at += n;
            if (at >= end) {
                return out;
            }
            out.writeByte(0xC0 | chunkStream);
        }
    }

    /** A protocol control message with one 32-bit value: Set Chunk Size, Acknowledgement, Window Ack Size. */
    public ByteBuf control(ByteBufAllocator alloc, int type, long value) {
        ByteBuf payload = alloc.buffer(4).writeInt((int) value);
        try {
            return message(alloc, CONTROL_CHUNK_STREAM, type, 0, payload);
        } finally {
            payload.release();
        }
    }

    /** Set Peer Bandwidth (§5.4.5) with limit type 2, dynamic. */
    public ByteBuf peerBandwidth(ByteBufAllocator alloc, long window) {
        ByteBuf payload = alloc.buffer(5).writeInt((int) window).writeByte(2);
        try {
            return message(alloc, CONTROL_CHUNK_STREAM, RtmpMessageType.SET_PEER_BANDWIDTH, 0, payload);
        } finally {
            payload.release();
        }
    }

    /** A user control event (§6.2) with one 32-bit value: Stream Begin (0), Ping Response (7). */
    public ByteBuf userControl(ByteBufAllocator alloc, int event, long value) {
        ByteBuf payload = alloc.buffer(6).writeShort(event).writeInt((int) value);
        try {
            return message(alloc, CONTROL_CHUNK_STREAM, RtmpMessageType.USER_CONTROL, 0, payload);
        } finally {
            payload.release();
        }
    }

    /** An AMF0 command message (§7.1.1) of {@code values} in order. */
    public ByteBuf command(ByteBufAllocator alloc, int chunkStream, int streamId, Object... values) {
        ByteBuf payload = alloc.buffer(256);
        try {
            Amf0.encode(payload, values);
            return message(alloc, chunkStream, RtmpMessageType.COMMAND_AMF0, streamId, payload);
        } finally {
            payload.release();
        }
    }
}
