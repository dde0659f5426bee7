package io.argus.server.api.webrtc;

import java.util.List;

/**
 * The {@code Link} headers that tell a WHEP client the STUN and TURN servers to use (RFC 9725 §4.6, after RFC 8288):
 * {@code <turn:host:port?transport=udp>; rel="ice-server"; username="u"; credential="p"}. A TURN URL configured with
 * credentials ({@code turn:user:pass@host:port}) has them moved into the parameters.
 */
final class IceServerLinks {
    private IceServerLinks() {
    }

    static List<String> of(List<String> urls) {
        return urls.stream().map(IceServerLinks::link).toList();
    }

    private static String link(String url) {
        int colon = url.indexOf(':');
        int at = url.indexOf('@');
        if (at < 0) {
            return "<" + url + ">; rel=\"ice-server\"";
        }
        String scheme = url.substring(0, colon);
        String credentials = url.substring(colon + 1, at);
        int split = credentials.indexOf(':');
        String user = split < 0 ? credentials : credentials.substring(0, split);
        String pass = split < 0 ? "" : credentials.substring(split + 1);
        return "<" + scheme + ":" + url.substring(at + 1) + ">; rel=\"ice-server\"; username=\"" + quoted(user)
                + "\"; credential=\"" + quoted(pass) + "\"; credential-type=\"password\"";
    }

    private static String quoted(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
