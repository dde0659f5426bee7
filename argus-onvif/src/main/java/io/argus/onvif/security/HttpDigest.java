package io.argus.onvif.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP digest authentication (RFC 7616 §3.4, with RFC 2617's MD5 and qop=auth as cameras implement it), for
 * devices that answer 401 with {@code WWW-Authenticate: Digest …} instead of reading WS-Security (ONVIF Core
 * §5.12.1 allows either). One challenge is answered per request; the nonce count is always 1 because each request
 * answers the challenge it got.
 */
public final class HttpDigest {
    private static final SecureRandom RANDOM = new SecureRandom();

    private HttpDigest() {
    }

    /** The parameters of a {@code Digest} challenge, or empty when the header is not one. */
    public static Optional<Map<String, String>> parseChallenge(String header) {
        if (header == null || !header.regionMatches(true, 0, "Digest ", 0, 7)) {
            return Optional.empty();
        }
        Map<String, String> out = new LinkedHashMap<>();
        String s = header.substring(7);
        int i = 0;
        while (i < s.length()) {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == ',')) {
                i++;
            }
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = s.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            int j = eq + 1;
            String value;
            if (j < s.length() && s.charAt(j) == '"') {
                int end = s.indexOf('"', j + 1);
                end = end < 0 ? s.length() : end;
                value = s.substring(j + 1, end);
                i = end + 1;
            } else {
                int end = s.indexOf(',', j);
                end = end < 0 ? s.length() : end;
                value = s.substring(j, end).trim();
                i = end;
            }
            out.put(key, value);
        }
        return out.containsKey("nonce") ? Optional.of(out) : Optional.empty();
    }

    /** The {@code Authorization} header answering {@code challenge} for {@code method uri}. */
    public static String authorization(Map<String, String> challenge, String username, String password,
                                       String method, String uri) {
        String realm = challenge.getOrDefault("realm", "");
        String nonce = challenge.get("nonce");
        String qop = challenge.get("qop");
        String ha1 = md5(username + ":" + realm + ":" + password);
        String ha2 = md5(method + ":" + uri);
        StringBuilder h = new StringBuilder("Digest username=\"").append(username).append("\", realm=\"")
                .append(realm).append("\", nonce=\"").append(nonce).append("\", uri=\"").append(uri).append('"');
        if (qop != null && qop.toLowerCase(Locale.ROOT).contains("auth")) {
            byte[] c = new byte[8];
            RANDOM.nextBytes(c);
            String cnonce = HexFormat.of().formatHex(c);
            String nc = "00000001";
            h.append(", qop=auth, nc=").append(nc).append(", cnonce=\"").append(cnonce).append("\", response=\"")
                    .append(md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2)).append('"');
        } else {
            h.append(", response=\"").append(md5(ha1 + ":" + nonce + ":" + ha2)).append('"');
        }
        if (challenge.containsKey("opaque")) {
            h.append(", opaque=\"").append(challenge.get("opaque")).append('"');
        }
        h.append(", algorithm=MD5");
        return h.toString();
    }

    /**
     * Checks an {@code Authorization} header as a device does (the simulator's and tests' side).
     *
     * @return whether it answers {@code nonce} with the right password
     */
    public static boolean verify(String authorization, String nonce, String realm, String username, String password,
                                 String method) {
        Optional<Map<String, String>> p = parseChallenge(authorization);
        if (p.isEmpty()) {
            return false;
        }
        Map<String, String> a = p.get();
        if (!nonce.equals(a.get("nonce")) || !username.equals(a.get("username"))) {
            return false;
        }
        String ha1 = md5(username + ":" + realm + ":" + password);
        String ha2 = md5(method + ":" + a.getOrDefault("uri", ""));
        String expected = a.containsKey("qop")
                ? md5(ha1 + ":" + nonce + ":" + a.get("nc") + ":" + a.get("cnonce") + ":" + a.get("qop") + ":" + ha2)
                : md5(ha1 + ":" + nonce + ":" + ha2);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                a.getOrDefault("response", "").getBytes(StandardCharsets.US_ASCII));
    }

    static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is in every JDK", e);
        }
    }
}
