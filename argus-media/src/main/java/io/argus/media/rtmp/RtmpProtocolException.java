package io.argus.media.rtmp;

import io.netty.handler.codec.DecoderException;

/**
 * The peer broke RTMP's framing (a bad handshake version, a chunk header that makes no sense, a message or chunk
 * size over our limits). The byte stream cannot be resynchronised, so the connection is closed.
 */
public final class RtmpProtocolException extends DecoderException {
    public RtmpProtocolException(String message) {
        super(message);
    }
}
