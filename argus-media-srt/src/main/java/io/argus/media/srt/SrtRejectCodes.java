package io.argus.media.srt;

/**
 * The reject codes a listener sends (SRT Access Control Guidelines, access_control.h {@code SRT_REJX_*}: 1000 + an
 * HTTP status), and libsrt's own that a caller may meet ({@code SRT_REJ_*}). ffmpeg and srt-live-transmit print
 * them with libsrt's text.
 */
public final class SrtRejectCodes {
    public static final int BAD_REQUEST = 1400;
    public static final int UNAUTHORIZED = 1401;
    public static final int OVERLOAD = 1402;
    public static final int FORBIDDEN = 1403;
    public static final int NOT_FOUND = 1404;
    public static final int BAD_MODE = 1405;
    public static final int CONFLICT = 1409;

    /** libsrt's: the passphrases differ; one side has a passphrase and the other none. */
    public static final int BAD_SECRET = 10;
    public static final int UNSECURE = 11;

    private SrtRejectCodes() {
    }

    /** A reject code in words, for logs and a caller camera's last error. */
    public static String describe(int code) {
        return switch (code) {
            case BAD_REQUEST -> "bad streamid (1400)";
            case UNAUTHORIZED -> "unauthorized (1401)";
            case OVERLOAD -> "overloaded, try again (1402)";
            case FORBIDDEN -> "forbidden (1403)";
            case NOT_FOUND -> "no such stream (1404)";
            case BAD_MODE -> "mode not supported (1405)";
            case CONFLICT -> "stream busy (1409)";
            case BAD_SECRET -> "wrong passphrase";
            case UNSECURE -> "passphrase required on one side only";
            default -> "rejected (" + code + ")";
        };
    }
}
