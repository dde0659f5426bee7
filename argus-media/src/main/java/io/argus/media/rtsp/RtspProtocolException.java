package io.argus.media.rtsp;

import io.netty.handler.codec.DecoderException;

/**
 * The peer broke the RTSP framing (garbage bytes, an oversized header or body, a malformed start line).
 * The connection cannot be resynchronised, so the handler that sees it closes the channel.
 */
public final class RtspProtocolException extends DecoderException {
    public RtspProtocolException(String message) {
        super(message);
    }
}
