package io.argus.media.rtsp.server;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Splits a request URL into the path name (which may contain slashes: {@code live/x}) and a track control
 * suffix. Our own SDP names tracks {@code trackID=N}; publishers name them as they like (ffmpeg:
 * {@code streamid=N}), so the suffix is returned as text.
 *
 * @param path    the path name or id, without leading or trailing slashes
 * @param control the last segment when it is a track control ({@code key=value}), else null
 */
record RtspServerUrls(String path, String control) {

    static RtspServerUrls parse(String uri) {
        String p;
        try {
            URI u = new URI(uri);
            p = u.getRawPath() == null ? "" : u.getPath();
        } catch (URISyntaxException e) {
            return null;
        }
        p = strip(p);
        int slash = p.lastIndexOf('/');
        String last = p.substring(slash + 1);
        if (last.contains("=")) {
            return new RtspServerUrls(slash < 0 ? "" : strip(p.substring(0, slash)), last);
        }
        return new RtspServerUrls(p, null);
    }

    private static String strip(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && s.charAt(b) == '/') {
            b++;
        }
        while (e > b && s.charAt(e - 1) == '/') {
            e--;
        }
        return s.substring(b, e);
    }

    /** The track index of a {@code trackID=N} control, or -1. */
    int trackId() {
        if (control == null || !control.startsWith("trackID=")) {
            return -1;
        }
        try {
            return Integer.parseInt(control.substring(8));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
