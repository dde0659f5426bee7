package io.argus.media.rtsp.client;

import io.argus.media.rtsp.RtspResponse;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** URL helpers of the client: credentials never go on the wire in a URL, and the SDP base is found. */
final class RtspClientUrls {

    /** RFC 2326 §3.2: rtsp:// defaults to port 554. */
    static final int DEFAULT_PORT = 554;

    private RtspClientUrls() {
    }

    static URI withoutUserInfo(URI u) {
        if (u.getRawUserInfo() == null) {
            return u;
        }
        return URI.create(u.toString().replace(u.getRawUserInfo() + "@", ""));
    }

    /** Whether two URLs name the same scheme, host and port (the default port made explicit). */
    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    /** The URL's port, or RTSP's default. */
    static int port(URI u) {
        return u.getPort() < 0 ? DEFAULT_PORT : u.getPort();
    }

    /** A redirect target, or null unless it is an absolute rtsp URL with a host. */
    static URI parse(String location) {
        if (location == null) {
            return null;
        }
        try {
            URI u = new URI(location.strip());
            boolean rtsp = u.getScheme() != null && u.getScheme().toLowerCase(Locale.ROOT).equals("rtsp");
            return rtsp && u.getHost() != null ? withoutUserInfo(u) : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** RFC 2326 §C.1.1: Content-Base, else Content-Location, else the request URL. */
    static String contentBase(RtspResponse r, URI requestUrl) {
        String base = r.headers().get("Content-Base");
        if (base == null || base.isBlank()) {
            base = r.headers().get("Content-Location");
        }
        return base == null || base.isBlank() ? requestUrl.toString() : base.strip();
    }
}
