package io.argus.server.api;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The media paths of a camera: what a player, an {@code <img>} or a download fetches. They accept a signed URL
 * ({@code ?sig=}) as well as a bearer token, since browsers cannot add headers to such requests. Routes that
 * serve them are added by the features that own them; the auth rule covers them all from here.
 */
public final class MediaPaths {
    static final String PREFIX = "/api/v1/cameras/";
    public static final String SNAPSHOT = "snapshot.jpg";
    public static final String LIVE_HLS = "live.m3u8";
    public static final String LIVE_WS = "live.ws";
    public static final String PLAYBACK_HLS = "playback.m3u8";
    public static final String EXPORT_MP4 = "export.mp4";
    /** WebRTC playback (WHEP): the offer goes here, the session lives below it ({@code whep/<session>}). */
    public static final String WHEP = "whep";
    /** Everything below {@code /api/v1/cameras/{id}/media/} (HLS segments, parts, init sections). */
    public static final String MEDIA_DIR = "media/";

    static final List<String> FILES = List.of(SNAPSHOT, LIVE_HLS, LIVE_WS, PLAYBACK_HLS, EXPORT_MP4, WHEP);

    private static final Pattern MEDIA = Pattern.compile("^" + Pattern.quote(PREFIX) + "([^/]+)/(?:"
            + String.join("|", FILES.stream().map(Pattern::quote).toList()) + "|" + Pattern.quote(MEDIA_DIR) + ".+|"
            + Pattern.quote(WHEP) + "/[^/]+)$");

    private MediaPaths() {
    }

    /** The camera id (as written in the path) when {@code path} is a media path. */
    static Optional<String> camera(String path) {
        Matcher m = MEDIA.matcher(path);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** {@code /api/v1/cameras/<camera>/<file>}. */
    public static String of(Object camera, String file) {
        return PREFIX + camera + "/" + file;
    }
}
