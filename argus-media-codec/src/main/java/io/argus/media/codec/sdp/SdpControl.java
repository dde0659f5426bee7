package io.argus.media.codec.sdp;

import java.util.Locale;

/**
 * Resolves an {@code a=control} value to the URL a SETUP (or an aggregate PLAY) goes to (RFC 2326 §C.1.1).
 *
 * <p>The base is the DESCRIBE response's Content-Base, else its Content-Location, else the request URL.
 * A relative control is appended to the base with one {@code /} between them rather than resolved as a
 * relative URI (which would replace the last path segment): that is what cameras expect — Dahua sends
 * {@code Content-Base: rtsp://ip/cam/realmonitor?channel=1&subtype=0/} and {@code trackID=0}, Hikvision bases
 * without a trailing slash — and what ffmpeg, live555 and gortsplib do.
 */
public final class SdpControl {

    private SdpControl() {
    }

    /**
     * @param base    the base URL (see above)
     * @param control the control attribute, or null (absent means the base itself)
     */
    public static String resolve(String base, String control) {
        if (control == null || control.isEmpty() || control.equals("*")) {
            return base;
        }
        String lower = control.toLowerCase(Locale.ROOT);
        if (lower.startsWith("rtsp://") || lower.startsWith("rtsps://")) {
            return control;
        }
        if (base.endsWith("/")) {
            return control.startsWith("/") ? base + control.substring(1) : base + control;
        }
        return control.startsWith("/") ? base + control : base + "/" + control;
    }
}
