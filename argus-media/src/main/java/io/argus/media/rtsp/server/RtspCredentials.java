package io.argus.media.rtsp.server;

import io.argus.media.rtsp.RtspAuthChallenge;
import io.argus.media.rtsp.RtspDigest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * The credentials a request carries (Authorization header), checked against a password the authenticator
 * knows. Basic also exposes the password itself, for stores that keep only hashes.
 */
public final class RtspCredentials {
    private final RtspAuthChallenge header;
    private final String method;
    private final String nonce;
    private final String username;
    private final String basicPassword;

    private RtspCredentials(RtspAuthChallenge header, String method, String nonce, String username,
                            String basicPassword) {
        this.header = header;
        this.method = method;
        this.nonce = nonce;
        this.username = username;
        this.basicPassword = basicPassword;
    }

    /**
     * Parses an Authorization header; null if absent or unusable.
     *
     * @param method the request method (part of the Digest response)
     * @param nonce  the nonce this connection issued
     */
    public static RtspCredentials parse(String authorization, String method, String nonce) {
        RtspAuthChallenge h = RtspAuthChallenge.parse(authorization);
        if (h == null) {
            return null;
        }
        if (h.isBasic() && h.param("token") != null) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(h.param("token")), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
            int colon = decoded.indexOf(':');
            return colon < 0 ? null
                    : new RtspCredentials(h, method, nonce, decoded.substring(0, colon), decoded.substring(colon + 1));
        }
        if (h.isDigest() && h.param("username") != null && h.param("response") != null) {
            return new RtspCredentials(h, method, nonce, h.param("username"), null);
        }
        return null;
    }

    /**
     * Basic credentials that came some other way than an Authorization header: an RTMP publisher's stream key
     * ({@code ?user=&pass=} or {@code ?token=}), checked by the same authenticator as RTSP publishers.
     */
    public static RtspCredentials basic(String username, String password) {
        return new RtspCredentials(null, "", "", username, password);
    }

    public String username() {
        return username;
    }

    /** The password when the client used Basic; empty for Digest. */
    public Optional<String> basicPassword() {
        return Optional.ofNullable(basicPassword);
    }

    /** Whether these credentials prove knowledge of {@code password} (compared in constant time). */
    public boolean verify(String password) {
        if (basicPassword != null) {
            return MessageDigest.isEqual(basicPassword.getBytes(StandardCharsets.UTF_8),
                    password.getBytes(StandardCharsets.UTF_8));
        }
        if (!nonce.equals(header.param("nonce"))) {
            return false;
        }
        String expected = RtspDigest.response(username, password, header.param("realm"), nonce, method,
                header.param("uri"), header.param("qop"), header.param("nc"), header.param("cnonce"));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                header.param("response").getBytes(StandardCharsets.US_ASCII));
    }
}
