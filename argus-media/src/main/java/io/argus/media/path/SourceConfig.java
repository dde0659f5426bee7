package io.argus.media.path;

import java.net.URI;
import java.util.Objects;

/**
 * Where a path pulls its media from. Credentials may be in the URL's user-info or in the fields (the fields
 * win); they are never logged or echoed.
 *
 * @param url       e.g. {@code rtsp://cam.local:554/stream1}
 * @param username  may be null
 * @param password  may be null
 * @param transport RTP transport preference
 */
public record SourceConfig(URI url, String username, String password, Transport transport) {
    public SourceConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(transport, "transport");
        if (url.getScheme() == null || url.getHost() == null) {
            throw new IllegalArgumentException("source URL needs a scheme and a host: " + redacted(url));
        }
    }

    /** The URL without user-info, safe to log and show. */
    public String redactedUrl() {
        return redacted(url);
    }

    static String redacted(URI u) {
        if (u.getUserInfo() == null) {
            return u.toString();
        }
        return u.toString().replace(u.getRawUserInfo() + "@", "");
    }

    @Override
    public String toString() {
        return "SourceConfig[" + redactedUrl() + ", " + transport + "]";
    }
}
