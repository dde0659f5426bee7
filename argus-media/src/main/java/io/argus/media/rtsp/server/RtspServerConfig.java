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
 * @param tcpRtpMaxSize  largest RTP packet (header included) sent to readers TCP-interleaved
 * @param udpRtpMaxSize  largest RTP packet (header included) sent to readers over UDP
 */
public record RtspServerConfig(String host, int port, boolean udp, int rtpPort, int rtcpPort,
                               Duration sessionTimeout, int tcpRtpMaxSize, int udpRtpMaxSize) {

    /**
     * Largest RTP packet sent over UDP by default: 1400 bytes fits Ethernet's 1500 with room for IP, UDP and a VPN
     * or PPPoE header, so packets are never IP-fragmented. Cameras send this size over TCP too.
     */
    public static final int DEFAULT_UDP_RTP_MAX_SIZE = 1400;

    /**
     * Largest RTP packet sent TCP-interleaved to readers by default: bigger packets mean fewer headers and writes
     * for the re-stream (TCP segments them anyway). A server that must send like a camera (the simulator) sets
     * {@link #withRtpMaxSize camera-sized packets} instead.
     */
    public static final int DEFAULT_TCP_RTP_MAX_SIZE = 8192;

    /**
     * Largest RTP packet accepted: the interleaved frame's 16-bit length (RFC 2326 §10.12) bounds TCP, and a UDP
     * datagram over IPv4 carries at most 65,507 bytes.
     */
    public static final int MAX_RTP_SIZE = 65_507;

    /** Smallest RTP packet accepted: the H.264/H.265 packetizers' floor (RTP header, FU headers and some data). */
    public static final int MIN_RTP_SIZE = 64;

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
        for (int size : new int[] {tcpRtpMaxSize, udpRtpMaxSize}) {
            if (size < MIN_RTP_SIZE || size > MAX_RTP_SIZE) {
                throw new IllegalArgumentException("RTP packet size must be " + MIN_RTP_SIZE + ".."
                        + MAX_RTP_SIZE + ": " + size);
            }
        }
    }

    /** With the default packet sizes: {@value #DEFAULT_TCP_RTP_MAX_SIZE} over TCP, {@value #DEFAULT_UDP_RTP_MAX_SIZE} over UDP. */
    public RtspServerConfig(String host, int port, boolean udp, int rtpPort, int rtcpPort, Duration sessionTimeout) {
        this(host, port, udp, rtpPort, rtcpPort, sessionTimeout, DEFAULT_TCP_RTP_MAX_SIZE, DEFAULT_UDP_RTP_MAX_SIZE);
    }

    /** This config with RTP packets of at most {@code bytes} (header included) over TCP and UDP alike. */
    public RtspServerConfig withRtpMaxSize(int bytes) {
        return new RtspServerConfig(host, port, udp, rtpPort, rtcpPort, sessionTimeout, bytes, bytes);
    }

    /** A loopback server on free ports, for tests. */
    public static RtspServerConfig ephemeral() {
        return new RtspServerConfig("127.0.0.1", 0, true, 0, 0, Duration.ofSeconds(60));
    }
}
