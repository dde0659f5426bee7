package io.argus.media.rtsp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;

/**
 * Decodes the bytes of an RTSP connection into {@link RtspRequest}s, {@link RtspResponse}s and
 * {@link InterleavedFrame}s, without copying media.
 *
 * <p>Why not a {@code ByteToMessageDecoder}: its cumulation copies every read that follows a partial frame
 * into a merged buffer, which on a TCP-interleaved stream is nearly every read (a read rarely ends on a
 * packet boundary), and the merged buffers are pinned by the slices downstream keeps. Here a frame that lies
 * within one read is a retained slice of that read buffer; a frame split across reads is a composite of the
 * slices of each read. Only RTSP text (requests, responses, SDP) is ever copied, into a small buffer, and only
 * when a message itself is split across reads.
 *
 * <p>Frames go to a {@link FrameHandler} when one is given (the client and server connections: no message
 * object per packet), else down the pipeline as {@link InterleavedFrame}s.
 *
 * <p>Any framing violation throws {@link RtspProtocolException}; after that the decoder discards all input,
 * since the stream cannot be resynchronised, and the connection's handler closes the channel.
 *
 * <p>Vendor quirks accepted: bare LF line ends, and stray CR/LF between messages (Hikvision DS-2CD2xxx
 * firmware 5.4 sends a CRLF after each SDP body that its Content-Length does not count).
 */
public final class RtspDecoder extends ChannelInboundHandlerAdapter {

    /**
     * Most bytes of a start line plus headers. Real ones are under 1 KiB (a DESCRIBE response with two
     * WWW-Authenticate challenges); 16 KiB leaves room for long vendor headers and bounds what a hostile peer
     * makes us buffer.
     */
    public static final int MAX_HEADER_BYTES = 16 * 1024;

    /** Most header lines: a few dozen at most in practice; this caps per-message allocation. */
    public static final int MAX_HEADER_LINES = 100;

    /** Most body bytes: an SDP with a dozen tracks and H.265 parameter sets is a few KiB. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    /**
     * Most pieces one split frame is assembled from before the composite consolidates them (a copy). A frame
     * spans two reads in practice; only a peer dribbling bytes one at a time reaches this.
     */
    static final int MAX_FRAME_PIECES = 64;

    /** Takes the interleaved frames of a connection directly. */
    @FunctionalInterface
    public interface FrameHandler {
        /** <b>Takes ownership</b> of {@code packet}: a slice (or composite of slices) of the read buffers. */
        void frame(int channel, ByteBuf packet);
    }

    private enum State { IDLE, FRAME_HEADER, FRAME_BODY, TEXT_HEAD, TEXT_BODY, FAILED }

    private final FrameHandler frames;

    private State state = State.IDLE;
    /** The bytes of a split frame header. */
    private final byte[] frameHeader = new byte[InterleavedFrame.HEADER_LENGTH];
    private int frameHeaderLength;
    private int frameChannel;
    private int frameRemaining;
    private CompositeByteBuf frame;
    /** A split RTSP message's head or body, copied (text only). */
    private ByteBuf text;
    private RtspMessage pending;
    private int pendingBody;

    /** Frames go down the pipeline as {@link InterleavedFrame}s. */
    public RtspDecoder() {
        this(null);
    }

    /** @param frames takes every interleaved frame directly, or null to pass them down the pipeline */
    public RtspDecoder(FrameHandler frames) {
        this.frames = frames;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            while (in.isReadable() && state != State.FAILED) {
                step(ctx, in);
            }
        } catch (RtspProtocolException e) {
            state = State.FAILED;
            releaseState();
            throw e;
        } finally {
            in.release();
        }
    }

    private void step(ChannelHandlerContext ctx, ByteBuf in) {
        switch (state) {
            case IDLE -> idle(ctx, in);
            case FRAME_HEADER -> frameHeader(ctx, in);
            case FRAME_BODY -> frameBody(ctx, in);
            case TEXT_HEAD -> textHead(ctx, in);
            case TEXT_BODY -> textBody(ctx, in);
            case FAILED -> in.skipBytes(in.readableBytes());
        }
    }

    private void idle(ChannelHandlerContext ctx, ByteBuf in) {
        byte first = in.getByte(in.readerIndex());
        if (first == '\r' || first == '\n') {
            in.skipBytes(1);
        } else if (first == '$') {
            if (in.readableBytes() < InterleavedFrame.HEADER_LENGTH) {
                frameHeaderLength = in.readableBytes();
                in.readBytes(frameHeader, 0, frameHeaderLength);
                state = State.FRAME_HEADER;
                return;
            }
            int start = in.readerIndex();
            startFrame(ctx, in, in.getUnsignedByte(start + 1), in.getUnsignedShort(start + 2));
        } else if ((first >= 'A' && first <= 'Z') || (first >= 'a' && first <= 'z')) {
            textInPlace(ctx, in);
        } else {
            throw new RtspProtocolException(String.format("unexpected byte 0x%02x where an RTSP message or "
                    + "interleaved frame should start", first & 0xff));
        }
    }

    /** The 4-byte header is complete; {@code in} is positioned after it unless it was assembled. */
    private void startFrame(ChannelHandlerContext ctx, ByteBuf in, int channel, int length) {
        if (state == State.IDLE) {
            in.skipBytes(InterleavedFrame.HEADER_LENGTH);
        }
        if (in.readableBytes() >= length) {
            state = State.IDLE;
            emit(ctx, channel, in.readRetainedSlice(length));
            return;
        }
        frameChannel = channel;
        frameRemaining = length - in.readableBytes();
        frame = ctx.alloc().compositeDirectBuffer(MAX_FRAME_PIECES);
        frame.addComponent(true, in.readRetainedSlice(in.readableBytes()));
        state = State.FRAME_BODY;
    }

    private void frameHeader(ChannelHandlerContext ctx, ByteBuf in) {
        int n = Math.min(InterleavedFrame.HEADER_LENGTH - frameHeaderLength, in.readableBytes());
        in.readBytes(frameHeader, frameHeaderLength, n);
        frameHeaderLength += n;
        if (frameHeaderLength == InterleavedFrame.HEADER_LENGTH) {
            frameHeaderLength = 0;
            int length = ((frameHeader[2] & 0xff) << 8) | (frameHeader[3] & 0xff);
            startFrame(ctx, in, frameHeader[1] & 0xff, length);
        }
    }

    private void frameBody(ChannelHandlerContext ctx, ByteBuf in) {
        int n = Math.min(frameRemaining, in.readableBytes());
        frame.addComponent(true, in.readRetainedSlice(n));
        frameRemaining -= n;
        if (frameRemaining == 0) {
            CompositeByteBuf done = frame;
            frame = null;
            state = State.IDLE;
            emit(ctx, frameChannel, done);
        }
    }

    private void emit(ChannelHandlerContext ctx, int channel, ByteBuf packet) {
        if (frames != null) {
            frames.frame(channel, packet);
        } else {
            ctx.fireChannelRead(new InterleavedFrame(channel, packet));
        }
    }

    /** A message starting in {@code in}: parsed in place when whole, else copied into {@link #text}. */
    private void textInPlace(ChannelHandlerContext ctx, ByteBuf in) {
        int end = headEnd(in, in.readerIndex(), Math.min(in.readableBytes(), MAX_HEADER_BYTES));
        if (end < 0) {
            if (in.readableBytes() >= MAX_HEADER_BYTES) {
                throw new RtspProtocolException("RTSP header larger than " + MAX_HEADER_BYTES + " bytes");
            }
            text = ctx.alloc().heapBuffer(Math.max(256, in.readableBytes() * 2), MAX_HEADER_BYTES);
            text.writeBytes(in);
            state = State.TEXT_HEAD;
            return;
        }
        head(ctx, in.readCharSequence(end, StandardCharsets.ISO_8859_1).toString());
    }

    private void textHead(ChannelHandlerContext ctx, ByteBuf in) {
        while (in.isReadable()) {
            if (text.readableBytes() >= MAX_HEADER_BYTES) {
                throw new RtspProtocolException("RTSP header larger than " + MAX_HEADER_BYTES + " bytes");
            }
            byte b = in.readByte();
            text.writeByte(b);
            if (b == '\n' && headEnd(text, text.readerIndex(), text.readableBytes()) == text.readableBytes()) {
                String head = text.toString(StandardCharsets.ISO_8859_1);
                releaseText();
                state = State.IDLE;
                head(ctx, head);
                return;
            }
        }
    }

    private void head(ChannelHandlerContext ctx, String head) {
        RtspMessage message = RtspHeadParser.parse(head);
        int length = contentLength(message.headers());
        if (length == 0) {
            ctx.fireChannelRead(message);
            return;
        }
        pending = message;
        pendingBody = length;
        text = ctx.alloc().heapBuffer(length, length);
        state = State.TEXT_BODY;
    }

    private void textBody(ChannelHandlerContext ctx, ByteBuf in) {
        int n = Math.min(pendingBody - text.readableBytes(), in.readableBytes());
        text.writeBytes(in, n);
        if (text.readableBytes() == pendingBody) {
            String body = text.toString(StandardCharsets.UTF_8);
            RtspMessage message = withBody(pending, body);
            releaseText();
            pending = null;
            state = State.IDLE;
            ctx.fireChannelRead(message);
        }
    }

    /**
     * The length of the head (through its blank line) starting at {@code start} within {@code limit} bytes, or
     * -1 if the blank line is not there yet. Accepts CRLF and bare LF line ends.
     */
    private static int headEnd(ByteBuf buf, int start, int limit) {
        for (int i = 1; i < limit; i++) {
            if (buf.getByte(start + i) == '\n') {
                byte prev = buf.getByte(start + i - 1);
                if (prev == '\n' || (prev == '\r' && i >= 2 && buf.getByte(start + i - 2) == '\n')) {
                    return i + 1;
                }
            }
        }
        return -1;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseState();
    }

    private void releaseState() {
        if (frame != null) {
            frame.release();
            frame = null;
        }
        releaseText();
        pending = null;
    }

    private void releaseText() {
        if (text != null) {
            text.release();
            text = null;
        }
    }

    private static int contentLength(RtspHeaders headers) {
        String v = headers.get("Content-Length");
        if (v == null) {
            return 0;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n < 0 || n > MAX_BODY_BYTES) {
                throw new RtspProtocolException("Content-Length " + n + " outside 0.." + MAX_BODY_BYTES);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new RtspProtocolException("Content-Length is not a number");
        }
    }

    private static RtspMessage withBody(RtspMessage m, String body) {
        return switch (m) {
            case RtspRequest r -> new RtspRequest(r.method(), r.uri(), r.headers(), body);
            case RtspResponse r -> new RtspResponse(r.status(), r.reason(), r.headers(), body);
        };
    }
}
