package io.argus.webrtc;

import java.util.List;

/**
 * The WebRTC port and what viewers are told.
 *
 * @param port       the one UDP port every viewer's ICE, DTLS and SRTP share (0: any free port, for tests)
 * @param iceServers STUN and TURN server URLs for viewers behind NAT ({@code stun:host:port},
 *                   {@code turn:host:port?transport=udp}), sent to them as WHEP Link headers (RFC 9725 §4.6); the
 *                   server itself is ICE-lite and needs none
 */
public record WebRtcServerConfig(int port, List<String> iceServers) {

    public WebRtcServerConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        iceServers = List.copyOf(iceServers);
    }
}
