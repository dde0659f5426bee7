package io.argus.server.camera;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

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

    private static final Set<String> SCHEMES = Set.of("rtsp", "rtsps");

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
        if (!SCHEMES.contains(scheme)) {
            throw new IllegalArgumentException("must be an rtsp:// or rtsps:// URL");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("needs a host");
        }
        String authority = uri.getRawAuthority();
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
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

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "SourceUrl[" + url + "]";
    }
}
