package io.argus.media.rtsp.server;

import io.netty.handler.ssl.SslContext;
import java.util.Objects;

/**
 * RTSP over TLS (RTSPS, {@code rtsps://}) on a port of its own, in front of the same server pipeline. The caller
 * builds the context (certificate, protocols), so this module holds no key or configuration format.
 *
 * <p>An RTSPS connection is offered TCP-interleaved transport only: RTP over UDP would leave the video in clear
 * beside an encrypted control channel (SRTP is not supported).
 *
 * @param port    the RTSPS port (MediaMTX uses 8322); 0 picks a free one
 * @param context a server {@link SslContext}
 */
public record RtspServerTls(int port, SslContext context) {
    public RtspServerTls {
        Objects.requireNonNull(context, "context");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (!context.isServer()) {
            throw new IllegalArgumentException("a server SslContext is needed");
        }
    }
}
