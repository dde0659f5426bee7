package io.argus.server.config;

/**
 * The RTSP server (re-stream and push).
 *
 * @param rtpPort  even, with {@code rtcpPort = rtpPort + 1} (RFC 3550 §11: RTP on an even port, RTCP on the
 *                 next), or both 0 for no UDP
 */
public record RtspConfig(int port, int rtpPort, int rtcpPort) {
    public RtspConfig {
        boolean udpOff = rtpPort == 0 && rtcpPort == 0;
        if (!udpOff && (rtpPort % 2 != 0 || rtcpPort != rtpPort + 1)) {
            throw new IllegalArgumentException("rtsp.rtpPort/rtsp.rtcpPort: need an even RTP port and RTCP on "
                    + "the next one (got " + rtpPort + "/" + rtcpPort + "), or both 0 to turn UDP off");
        }
        if (!udpOff && port != 0 && (port == rtpPort || port == rtcpPort)) {
            throw new IllegalArgumentException("rtsp.port: " + port + " clashes with the RTP/RTCP ports");
        }
    }

    public boolean udpEnabled() {
        return rtpPort != 0;
    }
}
