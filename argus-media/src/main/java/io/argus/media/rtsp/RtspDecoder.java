package io.argus.media.rtsp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Decodes the bytes of an RTSP connection into {@link RtspRequest}s, {@link RtspResponse}s and
 * {@link InterleavedFrame}s (whose content is a retained slice of the input, never a copy).
 *
 * <p>Any framing violation throws {@link RtspProtocolException}; after that the decoder discards all input,
 * since the stream cannot be resynchronised, and the connection's handler closes the channel.
 *
 * <p>Vendor quirks accepted: bare LF line ends, and stray CR/LF between messages (Hikvision DS-2CD2xxx
 * firmware 5.4 sends a CRLF after each SDP body that its Content-Length does not count).
 */
public final class RtspDecoder extends ByteToMessageDecoder {

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

    private RtspMessage pending;
    private int pendingBody;
    private int searchedTo;
    private boolean failed;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            decodeOne(in, out);
        } catch (RtspProtocolException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    private void decodeOne(ByteBuf in, List<Object> out) {
        if (pending != null) {
            if (in.readableBytes() >= pendingBody) {
                String body = in.readCharSequence(pendingBody, StandardCharsets.UTF_8).toString();
                out.add(withBody(pending, body));
                pending = null;
            }
            return;
        }
        while (in.isReadable() && (in.getByte(in.readerIndex()) == '\r' || in.getByte(in.readerIndex()) == '\n')) {
            in.skipBytes(1);
        }
        if (!in.isReadable()) {
            return;
        }
        byte first = in.getByte(in.readerIndex());
        if (first == '$') {
            decodeFrame(in, out);
        } else if ((first >= 'A' && first <= 'Z') || (first >= 'a' && first <= 'z')) {
            decodeHead(in, out);
        } else {
            throw new RtspProtocolException(String.format("unexpected byte 0x%02x where an RTSP message or "
                    + "interleaved frame should start", first & 0xff));
        }
    }

    private static void decodeFrame(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < InterleavedFrame.HEADER_LENGTH) {
            return;
        }
        int start = in.readerIndex();
        int length = in.getUnsignedShort(start + 2);
        if (in.readableBytes() < InterleavedFrame.HEADER_LENGTH + length) {
            return;
        }
        int channel = in.getUnsignedByte(start + 1);
        in.skipBytes(InterleavedFrame.HEADER_LENGTH);
        out.add(new InterleavedFrame(channel, in.readRetainedSlice(length)));
    }

    private void decodeHead(ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int limit = Math.min(in.readableBytes(), MAX_HEADER_BYTES);
        int end = -1;
        for (int i = Math.max(searchedTo, 1); i < limit; i++) {
            if (in.getByte(start + i) == '\n') {
                byte prev = in.getByte(start + i - 1);
                if (prev == '\n' || (prev == '\r' && i >= 2 && in.getByte(start + i - 2) == '\n')) {
                    end = i + 1;
                    break;
                }
            }
        }
        if (end < 0) {
            searchedTo = limit;
            if (in.readableBytes() >= MAX_HEADER_BYTES) {
                throw new RtspProtocolException("RTSP header larger than " + MAX_HEADER_BYTES + " bytes");
            }
            return;
        }
        searchedTo = 0;
        String head = in.readCharSequence(end, StandardCharsets.ISO_8859_1).toString();
        RtspMessage message = RtspHeadParser.parse(head);
        int length = contentLength(message.headers());
        if (length == 0) {
            out.add(message);
        } else {
            pending = message;
            pendingBody = length;
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
