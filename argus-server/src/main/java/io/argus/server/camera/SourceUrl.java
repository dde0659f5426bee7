package io.argus.server.camera;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * A camera URL split into the URL without credentials (safe to store, log and show) and the credentials that
 * were in its user-info ({@code rtsp://user:pass@host/...}), percent-decoded.
 *
 * @param username null when the URL had none
 * @param password null when the URL had none
 */
record SourceUrl(String url, String username, String password) {
    /** Longest URL stored (the column's size); camera URLs are far shorter. */
    static final int MAX_LENGTH = 2048;

    /** Each scheme's default port (RFC 2326 §3.2; RTSP over TLS: IANA's 322; SRT has none: MediaMTX's 8890). */
    private static final Map<String, Integer> SCHEMES = Map.of("rtsp", 554, "rtsps", 322, "srt", 8890);

    static SourceUrl parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("longer than " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.containsKey(scheme)) {
            throw new IllegalArgumentException("must be an rtsp://, rtsps:// or srt:// URL");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("needs a host");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65_535) {
            throw new IllegalArgumentException("port " + uri.getPort() + " is not 1-65535");
        }
        String authority = uri.getRawAuthority();
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
        if ("srt".equals(scheme)) {
            return SrtSourceUrl.parse(uri, hostPort);
        }
        String stripped = scheme + "://" + hostPort + (uri.getRawPath() == null ? "" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String info = uri.getRawUserInfo();
        if (info == null) {
            return new SourceUrl(stripped, null, null);
        }
        int colon = info.indexOf(':');
        String user = decode(colon < 0 ? info : info.substring(0, colon));
        String pass = colon < 0 ? null : decode(info.substring(colon + 1));
        return new SourceUrl(stripped, user.isEmpty() ? null : user, pass);
    }

    /**
     * Whether two stored URLs (as {@link #url()} gives them) reach the same place: scheme, host and port, the
     * default port made explicit. Credentials given for one are never sent to the other.
     */
    static boolean sameOrigin(String a, String b) {
        URI x = URI.create(a);
        URI y = URI.create(b);
        return x.getScheme().equalsIgnoreCase(y.getScheme()) && x.getHost().equalsIgnoreCase(y.getHost())
                && port(x) == port(y);
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : SCHEMES.get(u.getScheme().toLowerCase(Locale.ROOT));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "SourceUrl[" + url + "]";
    }
}
