package io.argus.media.rtsp.client;

import io.argus.media.path.SourceConfig;
import io.argus.media.rtsp.RtspAuthChallenge;
import io.argus.media.rtsp.RtspDigest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The credentials of one attempt and the challenge they answer. The source's fields win over the URL's
 * user-info (SourceConfig's rule); the password is never logged.
 */
final class RtspClientAuth {
    private final String username;
    private final String password;
    private RtspAuthChallenge challenge;
    private int nonceCount;

    RtspClientAuth(SourceConfig source) {
        String user = source.username();
        String pass = source.password();
        String info = source.url().getRawUserInfo();
        if (user == null && info != null) {
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            pass = pass != null ? pass : colon < 0 ? "" : decode(info.substring(colon + 1));
        }
        this.username = user;
        this.password = pass == null ? "" : pass;
    }

    private RtspClientAuth() {
        this.username = null;
        this.password = "";
    }

    /** No credentials: what an attempt sends after a redirect to another host. */
    static RtspClientAuth none() {
        return new RtspClientAuth();
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    boolean hasCredentials() {
        return username != null;
    }

    /** Takes the best of a 401's challenges; false if there are no credentials or no usable challenge. */
    boolean accept(List<String> wwwAuthenticate) {
        RtspAuthChallenge c = RtspAuthChallenge.best(wwwAuthenticate);
        if (c == null || username == null) {
            return false;
        }
        challenge = c;
        nonceCount = 0;
        return true;
    }

    /** The Authorization header for a request, or null before any challenge. */
    String header(String method, String uri) {
        if (challenge == null) {
            return null;
        }
        if (challenge.isBasic()) {
            return RtspDigest.basic(username, password);
        }
        String realm = challenge.param("realm") == null ? "" : challenge.param("realm");
        String nonce = challenge.param("nonce");
        String qopOffer = challenge.param("qop");
        String qop = qopOffer != null && List.of(qopOffer.split("\\s*,\\s*")).contains("auth") ? "auth" : null;
        String nc = String.format("%08x", ++nonceCount);
        String cnonce = qop == null ? null : HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        StringBuilder sb = new StringBuilder("Digest username=\"").append(username)
                .append("\", realm=\"").append(realm)
                .append("\", nonce=\"").append(nonce)
                .append("\", uri=\"").append(uri)
                .append("\", response=\"")
                .append(RtspDigest.response(username, password, realm, nonce, method, uri, qop, nc, cnonce))
                .append('"');
        if (challenge.param("opaque") != null) {
            sb.append(", opaque=\"").append(challenge.param("opaque")).append('"');
        }
        if (qop != null) {
            sb.append(", qop=auth, nc=").append(nc).append(", cnonce=\"").append(cnonce).append('"');
        }
        return sb.toString();
    }
}
