package io.argus.media.srt;

import java.util.HashMap;
import java.util.Map;

/**
 * A caller's {@code streamid} in SRT's access-control syntax (SRT Access Control Guidelines, "Standard Keys"):
 * {@code #!::r=<camera>,m=publish,u=<user>,s=<password or API token>}. A streamid without the {@code #!::} prefix
 * is taken whole as the resource (the camera), with no credentials, as srt-live-transmit and MediaMTX read it.
 *
 * @param resource the camera's name ({@code r}); empty when none was given
 * @param mode     {@code m}: {@code publish}, or {@code request} (the default, playback), or whatever was sent
 * @param user     {@code u}, or {@link #TOKEN_USER} when {@code s} came alone (an API token); null without {@code s}
 * @param secret   {@code s}: the user's password, or an API token; null when absent
 */
public record SrtStreamId(String resource, String mode, String user, String secret) {
    /** The user name that goes with a token alone, as in RTSP's {@code rtsp://token:<token>@host/…}. */
    public static final String TOKEN_USER = "token";

    /** The longest streamid SRT carries (SRTO_STREAMID: 512 bytes). */
    public static final int MAX_LENGTH = 512;

    private static final String PREFIX = "#!::";

    /** Parses a streamid; a malformed one (a key without {@code =}, a key given twice) gives null. */
    public static SrtStreamId parse(String streamId) {
        if (streamId == null || streamId.isEmpty()) {
            return new SrtStreamId("", "request", null, null);
        }
        if (!streamId.startsWith(PREFIX)) {
            return new SrtStreamId(streamId, "request", null, null);
        }
        Map<String, String> keys = new HashMap<>();
        for (String pair : streamId.substring(PREFIX.length()).split(",", -1)) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || keys.put(pair.substring(0, eq), pair.substring(eq + 1)) != null) {
                return null;
            }
        }
        String secret = keys.get("s");
        String user = keys.get("u");
        return new SrtStreamId(keys.getOrDefault("r", ""), keys.getOrDefault("m", "request"),
                secret == null ? null : user == null || user.isEmpty() ? TOKEN_USER : user, secret);
    }

    public boolean publishes() {
        return "publish".equals(mode);
    }

    public boolean hasCredentials() {
        return secret != null && !secret.isEmpty();
    }

    @Override
    public String toString() {
        return "SrtStreamId[r=" + resource + ", m=" + mode + ", u=" + user + "]";
    }
}
