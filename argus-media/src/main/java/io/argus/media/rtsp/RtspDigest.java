package io.argus.media.rtsp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * HTTP authentication as RTSP uses it: Basic (RFC 7617) and Digest with MD5 (RFC 2617 §3.2.2, RFC 7616),
 * with or without {@code qop=auth}. MD5 is what every camera implements; it is the protocol's, not our choice.
 */
public final class RtspDigest {

    private RtspDigest() {
    }

    /** The Basic Authorization header value. */
    public static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The Digest response value (RFC 2617 §3.2.2.1).
     *
     * @param qop    null, or {@code auth} (then {@code nc} and {@code cnonce} are used)
     */
    public static String response(String username, String password, String realm, String nonce, String method,
                                  String uri, String qop, String nc, String cnonce) {
        String ha1 = md5(username + ":" + realm + ":" + password);
        String ha2 = md5(method + ":" + uri);
        return qop == null ? md5(ha1 + ":" + nonce + ":" + ha2)
                : md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }

    static String md5(String s) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }
}
