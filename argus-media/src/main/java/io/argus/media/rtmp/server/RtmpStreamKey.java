package io.argus.media.rtmp.server;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * What a publisher names and proves, read from its connect's {@code app} and {@code tcUrl} and its publish's stream
 * name. Clients split one URL differently: ffmpeg sends {@code rtmp://host/cam?user=u&pass=p} as app "" and stream
 * {@code cam?user=u&pass=p}, and {@code rtmp://host/live/cam?key=t} as app {@code live} and stream
 * {@code cam?key=t}; OBS sends its Server field as the app and its Stream Key as the stream; a query may also sit on
 * the app. So: the path is the stream name without its query (the app's name when the stream has none), and the
 * query parameters of the tcUrl, the app and the stream name are read together, the stream name's winning.
 *
 * @param path   the camera name the publisher pushes to (no leading or trailing slash); may be empty
 * @param user   {@code user=}, or null
 * @param secret {@code pass=} with a user; otherwise {@code token=} or {@code key=} (an API token); null if none
 */
public record RtmpStreamKey(String path, String user, String secret) {

    /** The user name that goes with a token alone, as in RTSP's {@code rtsp://token:<token>@host/…}. */
    public static final String TOKEN_USER = "token";

    /** The parts as the client sent them (any may be null). */
    public static RtmpStreamKey parse(String app, String tcUrl, String streamName) {
        Map<String, String> params = new HashMap<>();
        query(tcUrl, params);
        query(app, params);
        query(streamName, params);
        String name = trimSlashes(beforeQuery(streamName));
        String path = name.isEmpty() ? trimSlashes(beforeQuery(app)) : name;
        String user = params.get("user");
        String pass = params.get("pass");
        String token = params.getOrDefault("token", params.get("key"));
        if (user != null && pass != null) {
            return new RtmpStreamKey(path, user, pass);
        }
        return token != null ? new RtmpStreamKey(path, TOKEN_USER, token) : new RtmpStreamKey(path, null, null);
    }

    /** Whether the key carries credentials at all. */
    public boolean hasCredentials() {
        return secret != null;
    }

    private static String beforeQuery(String s) {
        if (s == null) {
            return "";
        }
        int q = s.indexOf('?');
        return q < 0 ? s : s.substring(0, q);
    }

    private static void query(String s, Map<String, String> into) {
        int q = s == null ? -1 : s.indexOf('?');
        if (q < 0) {
            return;
        }
        for (String pair : s.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                try {
                    into.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
                } catch (IllegalArgumentException e) {
                    // A malformed %-escape: the parameter is left out, and the publish is refused for want of it.
                }
            }
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String trimSlashes(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && s.charAt(from) == '/') {
            from++;
        }
        while (to > from && s.charAt(to - 1) == '/') {
            to--;
        }
        return s.substring(from, to);
    }

    @Override
    public String toString() {
        return "RtmpStreamKey[path=" + path + ", user=" + user + (secret == null ? "" : ", secret=***") + "]";
    }
}
