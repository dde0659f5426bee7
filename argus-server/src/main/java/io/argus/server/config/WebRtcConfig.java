package io.argus.server.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * WebRTC playback (WHEP): one UDP port for every viewer, and the STUN/TURN servers viewers are told about.
 *
 * @param enabled    whether {@code POST /api/v1/cameras/{id}/whep} answers and the port is bound
 * @param port       the muxed UDP port (8189, as issue 13 and MediaMTX use); 0 picks a free one
 * @param iceServers {@code stun:}/{@code turns:}… URLs, with TURN credentials as {@code turn:user:pass@host:port}
 */
public record WebRtcConfig(boolean enabled, int port, List<String> iceServers) {
    public WebRtcConfig {
        iceServers = List.copyOf(iceServers);
    }

    /** Parses {@code webrtc.iceServers}: comma-separated stun:, stuns:, turn: or turns: URLs. */
    static List<String> iceServers(String s) {
        List<String> urls = Arrays.stream(s.split(",")).map(String::strip).filter(u -> !u.isEmpty()).toList();
        for (String u : urls) {
            String scheme = u.contains(":") ? u.substring(0, u.indexOf(':')).toLowerCase(Locale.ROOT) : "";
            if (!List.of("stun", "stuns", "turn", "turns").contains(scheme) || u.length() == scheme.length() + 1) {
                throw new IllegalArgumentException("not a stun:, stuns:, turn: or turns: URL: " + u);
            }
        }
        return urls;
    }
}
