package io.argus.media.rtmp.server;

import io.netty.handler.ssl.SslContext;
import java.util.Objects;

/**
 * Where the RTMP server listens.
 *
 * @param host    bind address ({@code 0.0.0.0} for all)
 * @param port    RTMP TCP port (1935 by default; 0 picks a free one, for tests)
 * @param tlsPort the RTMPS port (1936 by default; 0 picks a free one), used only with {@code tls}
 * @param tls     a server {@link SslContext} for RTMPS, or null for plain RTMP only
 */
public record RtmpServerConfig(String host, int port, int tlsPort, SslContext tls) {
    public RtmpServerConfig {
        Objects.requireNonNull(host);
        for (int p : new int[] {port, tlsPort}) {
            if (p < 0 || p > 65535) {
                throw new IllegalArgumentException("port out of range: " + p);
            }
        }
        if (tls != null && !tls.isServer()) {
            throw new IllegalArgumentException("a server SslContext is needed");
        }
    }

    /** Plain RTMP on a free loopback port, for tests. */
    public static RtmpServerConfig ephemeral() {
        return new RtmpServerConfig("127.0.0.1", 0, 0, null);
    }
}
