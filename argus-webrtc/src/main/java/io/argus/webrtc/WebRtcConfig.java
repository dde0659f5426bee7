package io.argus.webrtc;

import java.net.URI;
import java.util.List;

/**
 * The WebRTC port and what viewers are told.
 *
 * @param port       the one UDP port every viewer's ICE, DTLS and SRTP share (0: any free port, for tests)
 * @param iceServers STUN and TURN servers for viewers behind NAT ({@code stun:host:port},
 *                   {@code turn:user:password@host:port?transport=udp}), sent to them as WHEP Link headers
 *                   (RFC 9725 §4.6); the server itself is ICE-lite and needs none
 */
public record WebRtcConfig(int port, List<String> iceServers) {

    /** The port issue 13 fixed for WebRTC, as MediaMTX uses it. */
    public static final int DEFAULT_PORT = 8189;

    public WebRtcConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("webrtc.port must be 0..65535: " + port);
        }
        iceServers = List.copyOf(iceServers);
        for (String s : iceServers) {
            String scheme = URI.create(s.contains("@") ? s.substring(0, s.indexOf(':') + 1) + "//"
                    + s.substring(s.indexOf('@') + 1) : s).getScheme();
            if (scheme == null || !List.of("stun", "stuns", "turn", "turns").contains(scheme)) {
                throw new IllegalArgumentException("webrtc.iceServers: " + s + " is not a stun:, stuns:, turn: or "
                        + "turns: URL");
            }
        }
    }
}
