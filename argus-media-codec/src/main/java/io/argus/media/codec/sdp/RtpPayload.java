package io.argus.media.codec.sdp;

import java.util.Locale;
import java.util.Map;

/**
 * One RTP payload type of a media description: its {@code a=rtpmap} (RFC 8866 §6.6) and {@code a=fmtp}
 * (§6.15) lines, or the RFC 3551 static assignment when there is no rtpmap.
 *
 * @param encoding  the encoding name as sent (compare case-insensitively), or null if unknown
 * @param clockRate ticks per second, 0 if unknown
 * @param channels  audio channels, 0 if not given
 * @param fmtp      format parameters, keys in lower case (RFC 6184 and RFC 3640 names are case-insensitive)
 */
public record RtpPayload(int type, String encoding, int clockRate, int channels, Map<String, String> fmtp) {

    public RtpPayload {
        fmtp = Map.copyOf(fmtp);
    }

    /** A format parameter by lower-case key, or null. */
    public String param(String key) {
        return fmtp.get(key);
    }

    /** The encoding name in upper case ({@code "UNKNOWN"} when there is none). */
    public String encodingUpper() {
        return encoding == null ? "UNKNOWN" : encoding.toUpperCase(Locale.ROOT);
    }

    /** RFC 3551 §6 static payload types that cameras send without an rtpmap line. */
    static RtpPayload ofStatic(int type) {
        return switch (type) {
            case 0 -> new RtpPayload(type, "PCMU", 8000, 1, Map.of());
            case 8 -> new RtpPayload(type, "PCMA", 8000, 1, Map.of());
            case 14 -> new RtpPayload(type, "MPA", 90_000, 0, Map.of());
            case 26 -> new RtpPayload(type, "JPEG", 90_000, 0, Map.of());
            case 32 -> new RtpPayload(type, "MPV", 90_000, 0, Map.of());
            case 33 -> new RtpPayload(type, "MP2T", 90_000, 0, Map.of());
            default -> new RtpPayload(type, null, 0, 0, Map.of());
        };
    }
}
