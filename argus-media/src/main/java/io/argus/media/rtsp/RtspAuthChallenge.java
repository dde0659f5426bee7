package io.argus.media.rtsp;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One WWW-Authenticate challenge (RFC 7235 §4.1) or Authorization credentials: a scheme ({@code Basic} or
 * {@code Digest}) and its auth-params (RFC 7616 §3.3), names in lower case, quotes removed.
 */
public record RtspAuthChallenge(String scheme, Map<String, String> params) {

    public RtspAuthChallenge {
        params = Map.copyOf(params);
    }

    public boolean isDigest() {
        return scheme.equalsIgnoreCase("Digest");
    }

    public boolean isBasic() {
        return scheme.equalsIgnoreCase("Basic");
    }

    public String param(String name) {
        return params.get(name);
    }

    /** The strongest challenge we can answer: Digest with MD5 over Basic. Null if none is usable. */
    public static RtspAuthChallenge best(List<String> headers) {
        RtspAuthChallenge basic = null;
        for (String h : headers) {
            RtspAuthChallenge c = parse(h);
            if (c == null) {
                continue;
            }
            String algorithm = c.params.getOrDefault("algorithm", "MD5");
            if (c.isDigest() && algorithm.equalsIgnoreCase("MD5") && c.params.containsKey("nonce")) {
                return c;
            }
            if (c.isBasic()) {
                basic = c;
            }
        }
        return basic;
    }

    /** RFC 7235 §2.1: {@code 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}. */
    private static final Pattern TOKEN68 = Pattern.compile("[A-Za-z0-9._~+/-]+=*");

    /** Parses {@code Scheme k=v, k="v", …} (Basic credentials' token68 is kept under {@code token}). */
    public static RtspAuthChallenge parse(String header) {
        if (header == null) {
            return null;
        }
        String h = header.strip();
        int sp = h.indexOf(' ');
        String scheme = sp < 0 ? h : h.substring(0, sp);
        if (scheme.isEmpty()) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        String rest = sp < 0 ? "" : h.substring(sp + 1).strip();
        if (TOKEN68.matcher(rest).matches()) {
            // RFC 7235 §2.1 token68, e.g. Basic credentials: its '=' padding is not a parameter's.
            params.put("token", rest);
            return new RtspAuthChallenge(scheme, params);
        }
        int i = 0;
        while (i < rest.length()) {
            int eq = rest.indexOf('=', i);
            int comma = rest.indexOf(',', i);
            if (eq < 0 || (comma >= 0 && comma < eq)) {
                String token = (comma < 0 ? rest.substring(i) : rest.substring(i, comma)).strip();
                params.putIfAbsent("token", token);
                i = comma < 0 ? rest.length() : comma + 1;
                continue;
            }
            String name = rest.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            int v = eq + 1;
            String value;
            if (v < rest.length() && rest.charAt(v) == '"') {
                int close = rest.indexOf('"', v + 1);
                close = close < 0 ? rest.length() : close;
                value = rest.substring(v + 1, close);
                int next = rest.indexOf(',', close);
                i = next < 0 ? rest.length() : next + 1;
            } else {
                int next = rest.indexOf(',', v);
                value = (next < 0 ? rest.substring(v) : rest.substring(v, next)).strip();
                i = next < 0 ? rest.length() : next + 1;
            }
            params.put(name, value);
        }
        return new RtspAuthChallenge(scheme, params);
    }
}
