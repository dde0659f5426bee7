package io.argus.server.roles;

import io.argus.media.transport.NettyTransport;
import io.argus.server.config.WebRtcConfig;
import io.argus.webrtc.WebRtcServer;
import io.argus.webrtc.WebRtcServerConfig;

/**
 * WebRTC playback: the muxed UDP port on every host address, whose sessions the WHEP routes open
 * ({@link io.argus.server.api.webrtc.WhepHandlers}).
 */
public final class WebRtcRole implements AutoCloseable {
    private final WebRtcServer server;

    public WebRtcRole(WebRtcConfig config) {
        server = new WebRtcServer(new WebRtcServerConfig(config.port(), config.iceServers()), NettyTransport.best());
        server.start();
    }

    public WebRtcServer server() {
        return server;
    }

    /** The bound UDP port (the configured one, or the one picked for port 0). */
    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }
}
