package io.argus.media.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.HashMap;
import java.util.Map;

/**
 * Reassembles RTMP messages from the chunk streams of a connection (§5.3): the four chunk header types, extended
 * timestamps (also on type 3 chunks whose stream's last header had one, as ffmpeg and librtmp write them), chunk
 * streams interleaved chunk by chunk, and the peer's Set Chunk Size and Abort (§5.4.1, §5.4.2), which this decoder
 * applies itself since they change how the next bytes are read. Every other message goes to the
 * {@link MessageHandler}.
 *
 * <p>No copies: a message that fits in one read is a retained slice of the read buffer; one split over chunks or
 * reads is a composite of such slices. Like the RTSP decoder, and for the same reason, this is not a
 * {@code ByteToMessageDecoder}: its cumulation would copy most reads.
 *
 * <p>A framing violation throws {@link RtmpProtocolException}; afterwards all input is discarded and the
 * connection's handler closes the channel.
 */
public final class RtmpChunkDecoder extends ChannelInboundHandlerAdapter {

    /** §5.4.1: chunks are 128 bytes until the peer says otherwise. */
    public static final int DEFAULT_CHUNK_SIZE = 128;

    /**
     * Largest chunk size accepted: encoders use 4 KiB (OBS, ffmpeg) to 64 KiB; 16 MiB is beyond any message this
     * decoder accepts, so a larger one can only be a broken or hostile peer.
     */
    public static final int MAX_CHUNK_SIZE = 1 << 24;

    /**
     * Largest message: a 4K keyframe at a high bitrate is 2-3 MiB; 8 MiB bounds what one message makes us hold.
     * (The header's 24-bit length allows 16 MiB.)
     */
    public static final int MAX_MESSAGE_BYTES = 8 << 20;

    /**
     * Most chunk streams one connection may use: encoders use four or five (control, command, audio, video, data);
     * the limit bounds the partial messages a peer can make us hold to this many times {@link #MAX_MESSAGE_BYTES}.
     */
    public static final int MAX_CHUNK_STREAMS = 16;

    /**
     * Pieces one message may be assembled from before the composite consolidates them (a copy): a 1 MiB keyframe
     * in 4 KiB chunks is 256; only a peer with tiny chunks reaches this.
     */
    static final int MAX_PIECES = 1024;

    /** Takes the messages of a connection, in order. */
    @FunctionalInterface
    public interface MessageHandler {
        /**
         * <b>Takes ownership</b> of {@code payload}.
         *
         * @param timestamp milliseconds, on the message stream's timeline (not wrapped at 2^32 when it grows by
         *                  deltas)
         */
        void message(int type, int streamId, long timestamp, ByteBuf payload);
    }

    /** One chunk stream's last header and the message it is assembling. */
    private static final class ChunkStream {
        long timestamp;
        long delta;
        int length;
        int type;
        int streamId;
        boolean extended;
        ByteBuf message;
        int received;
        boolean inProgress;
    }

    private static final int[] MESSAGE_HEADER_BYTES = {11, 7, 3, 0};
    private static final int EXTENDED = 0xFFFFFF;

    private final MessageHandler handler;
    private final Map<Integer, ChunkStream> streams = new HashMap<>();
    /** Basic header (up to 3), message header (up to 11) and extended timestamp (4). */
    private final byte[] header = new byte[18];
    private int headerLength;
    private ChunkStream current;
    private int chunkRemaining;
    private int chunkSize = DEFAULT_CHUNK_SIZE;
    private long bytesReceived;
    private boolean failed;
    private ChannelHandlerContext ctx;

    public RtmpChunkDecoder(MessageHandler handler) {
        this.handler = handler;
    }

    /** Bytes read from the peer after the handshake, for Acknowledgement (§5.4.3). */
    public long bytesReceived() {
        return bytesReceived;
    }

    /** The peer's chunk size now. */
    public int chunkSize() {
        return chunkSize;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext c) {
        ctx = c;
    }

    @Override
    public void channelRead(ChannelHandlerContext c, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            c.fireChannelRead(msg);
            return;
        }
        try {
            bytesReceived += in.readableBytes();
            if (!failed) {
                decode(in);
            }
        } catch (RtmpProtocolException e) {
            failed = true;
            releasePartials();
            throw e;
        } finally {
            in.release();
        }
    }

    private void decode(ByteBuf in) {
        while (in.isReadable()) {
            if (current == null) {
                int needed = headerBytes();
                int n = Math.min(needed - headerLength, in.readableBytes());
                in.readBytes(header, headerLength, n);
                headerLength += n;
                if (headerLength < needed || headerBytes() > headerLength) {
                    continue;
                }
                startChunk();
                headerLength = 0;
            } else {
                int n = Math.min(chunkRemaining, in.readableBytes());
                append(current, in.readRetainedSlice(n));
                chunkRemaining -= n;
            }
            if (current != null && chunkRemaining == 0) {
                endChunk();
            }
        }
    }

    /** How many header bytes the chunk header begun in {@link #header} has, as far as the bytes so far tell. */
    private int headerBytes() {
        if (headerLength == 0) {
            return 1;
        }
        int fieldId = header[0] & 0x3F;
        int basic = fieldId == 0 ? 2 : fieldId == 1 ? 3 : 1;
        if (headerLength < basic) {
            return basic;
        }
        int fmt = (header[0] & 0xFF) >> 6;
        int base = basic + MESSAGE_HEADER_BYTES[fmt];
        if (headerLength < base) {
            return base;
        }
        boolean extended;
        if (fmt < 3) {
            extended = medium(basic) == EXTENDED;
        } else {
            ChunkStream cs = streams.get(chunkStreamId());
            extended = cs != null && cs.extended;
        }
        return base + (extended ? 4 : 0);
    }

    private int chunkStreamId() {
        int fieldId = header[0] & 0x3F;
        return switch (fieldId) {
            case 0 -> 64 + (header[1] & 0xFF);
            case 1 -> 64 + (header[1] & 0xFF) + 256 * (header[2] & 0xFF);
            default -> fieldId;
        };
    }

    private void startChunk() {
        int csid = chunkStreamId();
        int fmt = (header[0] & 0xFF) >> 6;
        int fieldId = header[0] & 0x3F;
        int basic = fieldId == 0 ? 2 : fieldId == 1 ? 3 : 1;
        ChunkStream cs = streams.get(csid);
        if (cs == null) {
            if (streams.size() >= MAX_CHUNK_STREAMS) {
                throw new RtmpProtocolException("more than " + MAX_CHUNK_STREAMS + " chunk streams");
            }
            // A first header of type 1-3 takes zeros for what it leaves out (§5.3.1.2 wants type 0; be lenient).
            cs = new ChunkStream();
            streams.put(csid, cs);
        }
        if (cs.inProgress && fmt != 3) {
            throw new RtmpProtocolException("chunk stream " + csid + ": a type " + fmt + " header in the middle "
                    + "of a message");
        }
        if (!cs.inProgress) {
            long field = fmt < 3 ? medium(basic) : 0;
            boolean extended = fmt < 3 ? field == EXTENDED : cs.extended;
            if (fmt < 3) {
                cs.extended = extended;
                if (extended) {
                    field = u32(basic + MESSAGE_HEADER_BYTES[fmt]);
                }
            }
            if (fmt == 0) {
                cs.timestamp = field;
                cs.delta = field;
            } else {
                if (fmt < 3) {
                    cs.delta = field;
                }
                cs.timestamp += cs.delta;
            }
            if (fmt <= 1) {
                cs.length = medium(basic + 3);
                cs.type = header[basic + 6] & 0xFF;
            }
            if (fmt == 0) {
                cs.streamId = Integer.reverseBytes((int) u32(basic + 7));
            }
            if (cs.length > MAX_MESSAGE_BYTES) {
                throw new RtmpProtocolException("message of " + cs.length + " bytes (at most " + MAX_MESSAGE_BYTES
                        + ")");
            }
            cs.inProgress = true;
            cs.received = 0;
        }
        current = cs;
        chunkRemaining = Math.min(chunkSize, cs.length - cs.received);
    }

    private void append(ChunkStream cs, ByteBuf piece) {
        cs.received += piece.readableBytes();
        if (cs.message == null) {
            cs.message = piece;
            return;
        }
        CompositeByteBuf composite;
        if (cs.message instanceof CompositeByteBuf c) {
            composite = c;
        } else {
            composite = ctx.alloc().compositeBuffer(MAX_PIECES);
            composite.addComponent(true, cs.message);
            cs.message = composite;
        }
        composite.addComponent(true, piece);
    }

    private void endChunk() {
        ChunkStream cs = current;
        current = null;
        if (cs.received < cs.length) {
            return;
        }
        ByteBuf payload = cs.message != null ? cs.message : ctx.alloc().buffer(0);
        cs.message = null;
        cs.inProgress = false;
        switch (cs.type) {
            case RtmpMessageType.SET_CHUNK_SIZE -> setChunkSize(payload);
            case RtmpMessageType.ABORT -> abort(payload);
            default -> handler.message(cs.type, cs.streamId, cs.timestamp, payload);
        }
    }

    private void setChunkSize(ByteBuf payload) {
        try {
            if (payload.readableBytes() < 4) {
                throw new RtmpProtocolException("Set Chunk Size of " + payload.readableBytes() + " bytes");
            }
            int size = payload.getInt(payload.readerIndex()) & 0x7FFFFFFF;
            if (size < 1 || size > MAX_CHUNK_SIZE) {
                throw new RtmpProtocolException("chunk size " + size + " (1 to " + MAX_CHUNK_SIZE + ")");
            }
            chunkSize = size;
        } finally {
            payload.release();
        }
    }

    private void abort(ByteBuf payload) {
        try {
            if (payload.readableBytes() >= 4) {
                ChunkStream cs = streams.get(payload.getInt(payload.readerIndex()));
                if (cs != null && cs.inProgress) {
                    if (cs.message != null) {
                        cs.message.release();
                        cs.message = null;
                    }
                    cs.inProgress = false;
                }
            }
        } finally {
            payload.release();
        }
    }

    private int medium(int at) {
        return (header[at] & 0xFF) << 16 | (header[at + 1] & 0xFF) << 8 | header[at + 2] & 0xFF;
    }

    private long u32(int at) {
        return (long) (header[at] & 0xFF) << 24 | medium(at + 1);
    }

    private void releasePartials() {
        for (ChunkStream cs : streams.values()) {
            if (cs.message != null) {
                cs.message.release();
                cs.message = null;
            }
        }
        current = null;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext c) {
        releasePartials();
    }

    @Override
    public void channelInactive(ChannelHandlerContext c) {
        releasePartials();
        c.fireChannelInactive();
    }
}
