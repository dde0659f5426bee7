package io.argus.media.rtsp.server;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the RTSP server listens.
 *
 * @param host           bind address ({@code 0.0.0.0} for all)
 * @param port           RTSP TCP port (8554 by default; 0 picks a free one, for tests)
 * @param udp            whether UDP unicast transport is offered; clients are refused UDP (461) without it
 * @param rtpPort        the shared server RTP port (even); 0 picks free ports, for tests
 * @param rtcpPort       the shared server RTCP port (rtpPort + 1 by convention); 0 when rtpPort is 0
 * @param sessionTimeout a UDP session with no request for this long is closed (RFC 2326 §12.37: 60 s)
 */
public record RtspServerConfig(String host, int port, boolean udp, int rtpPort, int rtcpPort,
                               Duration sessionTimeout) {

    /** Port 8554 for RTSP and 8000/8001 for RTP/RTCP, as MediaMTX uses. */
    public static final RtspServerConfig DEFAULT = new RtspServerConfig("0.0.0.0", 8554, true, 8000, 8001,
            Duration.ofSeconds(60));

    public RtspServerConfig {
        Objects.requireNonNull(host);
        Objects.requireNonNull(sessionTimeout);
        for (int p : new int[] {port, rtpPort, rtcpPort}) {
            if (p < 0 || p > 65535) {
                throw new IllegalArgumentException("port out of range: " + p);
            }
        }
        if (rtpPort != 0 && rtpPort == rtcpPort) {
            throw new IllegalArgumentException("RTP and RTCP ports must differ: " + rtpPort);
        }
        if (sessionTimeout.isNegative() || sessionTimeout.isZero()) {
            throw new IllegalArgumentException("session timeout must be positive: " + sessionTimeout);
        }
    }

    /** A loopback server on free ports, for tests. */
    public static RtspServerConfig ephemeral() {
        return new RtspServerConfig("127.0.0.1", 0, true, 0, 0, Duration.ofSeconds(60));
    }
}
