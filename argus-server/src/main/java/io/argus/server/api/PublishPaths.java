package io.argus.server.api;

import java.util.regex.Pattern;

/**
 * The paths a publish URL ({@code ?sig=} of a {@link io.argus.server.auth.MediaGrant#publish()} grant) opens:
 * WHIP ingest's offer ({@code /api/v1/whip/<camera name>}) and the session it made ({@code …/<session>}), since
 * WHIP clients that take a URL (a browser page, ffmpeg, GStreamer's whipsink) cannot always send a header. They
 * name the camera by its name: the handler checks it is the URL's camera.
 */
public final class PublishPaths {
    public static final String WHIP = "/api/v1/whip/";

    private static final Pattern PATH = Pattern.compile("^" + Pattern.quote(WHIP) + "[^/]+(?:/[^/]+)?$");

    private PublishPaths() {
    }

    static boolean matches(String path) {
        return PATH.matcher(path).matches();
    }
}
