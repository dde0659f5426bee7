package io.argus.server.api.live;

import io.argus.media.stream.Stream;
import io.argus.media.transcode.Rendition;
import io.argus.media.transcode.StreamTranscoder;
import io.argus.server.api.ApiException;
import io.argus.server.api.ErrorCode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code ?rendition=} of the live views ({@code h264}, {@code 720p}, {@code 360p}, with optional {@code width}
 * and {@code bitrate} in kbit/s): parsed once per request, and carried on to the URIs of a playlist so its parts
 * come from the same transcode. A rendition shows the same camera to the same caller (the route's permission and
 * a signed URL's camera scope are checked before it is read), so it never widens what a caller may see.
 */
final class LiveRenditions {
    static final String RENDITION = "rendition";

    private LiveRenditions() {
    }

    /** The rendition asked for, or null for the camera's own stream; 400 naming what is wrong. */
    static Rendition of(Function<String, String> query) {
        try {
            return Rendition.fromQuery(query);
        } catch (IllegalArgumentException e) {
            String name = query.apply(RENDITION);
            throw new ApiException(ErrorCode.VALIDATION_FAILED, e.getMessage(),
                    Map.of(RENDITION, name == null ? "" : name));
        }
    }

    static boolean needsTranscode(Rendition r, Stream source) {
        return StreamTranscoder.needed(source, r);
    }

    /** The rendition's parameters as they came, to append to a playlist's URIs ({@code &rendition=…}). */
    static String query(Function<String, String> query) {
        StringBuilder b = new StringBuilder();
        for (String name : Rendition.QUERY_PARAMETERS) {
            String v = query.apply(name);
            if (v != null) {
                b.append('&').append(name).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        }
        return b.toString();
    }
}
