package io.argus.media.rtsp;

/**
 * The Session header (RFC 2326 §12.37): {@code id[;timeout=seconds]}.
 *
 * @param timeoutSeconds the server's session timeout, {@link #DEFAULT_TIMEOUT_SECONDS} when not given
 */
public record RtspSessionHeader(String id, int timeoutSeconds) {

    /** RFC 2326 §12.37: the timeout is 60 s unless the server says otherwise. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 60;

    /** Parses a header value; null for a blank one. Timeouts that are not positive numbers are ignored. */
    public static RtspSessionHeader parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String[] parts = value.split(";");
        int timeout = DEFAULT_TIMEOUT_SECONDS;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            if (p.regionMatches(true, 0, "timeout=", 0, 8)) {
                try {
                    int t = Integer.parseInt(p.substring(8).strip());
                    timeout = t > 0 ? t : timeout;
                } catch (NumberFormatException e) {
                    timeout = DEFAULT_TIMEOUT_SECONDS;
                }
            }
        }
        return new RtspSessionHeader(parts[0].strip(), timeout);
    }

    public String format() {
        return id + ";timeout=" + timeoutSeconds;
    }
}
