package io.argus.server.camera;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@code srt://host:port?streamid=…&passphrase=…} camera URL: the passphrase is a secret, so it leaves the URL
 * (which is stored, logged and shown) for the camera's password, as an RTSP URL's user-info does; the SRT caller
 * takes the password as the passphrase. A streamid's {@code #!::} may be typed as it is: what follows {@code #}
 * (a URI fragment) is kept, percent-encoded, in the query.
 */
final class SrtSourceUrl {
    private SrtSourceUrl() {
    }

    static SourceUrl parse(URI uri, String hostPort) {
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        if (uri.getRawFragment() != null) {
            query += "%23" + uri.getRawFragment();
        }
        List<String> kept = new ArrayList<>();
        String passphrase = null;
        for (String pair : query.split("&")) {
            if (pair.startsWith("passphrase=")) {
                passphrase = URLDecoder.decode(pair.substring("passphrase=".length()).replace("+", "%2B"),
                        StandardCharsets.UTF_8);
            } else if (!pair.isEmpty()) {
                kept.add(pair);
            }
        }
        String url = "srt://" + hostPort + (uri.getRawPath() == null ? "" : uri.getRawPath())
                + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
        return new SourceUrl(url, null, passphrase == null || passphrase.isEmpty() ? null : passphrase);
    }
}
