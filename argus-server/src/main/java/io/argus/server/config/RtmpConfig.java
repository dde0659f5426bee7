package io.argus.server.config;

/**
 * RTMP ingest: publishers (OBS, ffmpeg, encoders) push to {@code rtmp://host:port/<camera>?user=…&pass=…}, and to
 * {@code rtmps://host:tlsPort/…} when TLS is on.
 *
 * @param enabled whether the RTMP (and RTMPS) ports are served
 * @param port    RTMP port (1935, RTMP's registered port); 0 picks a free one
 * @param tlsPort RTMPS port when {@code tls.enabled} (1936, the usual choice beside 1935); 0 picks a free one
 */
public record RtmpConfig(boolean enabled, int port, int tlsPort) {
    public RtmpConfig {
        if (enabled && port != 0 && port == tlsPort) {
            throw new IllegalArgumentException("rtmp.port and rtmps.port must differ: " + port);
        }
    }
}
