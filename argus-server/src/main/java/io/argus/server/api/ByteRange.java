package io.argus.server.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One byte range of a {@code Range: bytes=...} request header (RFC 9110 §14.1.2): {@code first-last},
 * {@code first-} or {@code -suffixLength}. Several ranges or a syntax we do not know are ignored (the whole body
 * is sent, as §14.2 allows); a range that starts past the end is unsatisfiable (416).
 */
public record ByteRange(long first, long last) {
    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

    public long length() {
        return last - first + 1;
    }

    /** The range to send of a body of {@code size} bytes: null for the whole body. */
    public static ByteRange parse(String header, long size) throws Unsatisfiable {
        if (header == null) {
            return null;
        }
        Matcher m = SINGLE.matcher(header.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return null;
        }
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            if (suffix == 0 || size == 0) {
                throw new Unsatisfiable();
            }
            return new ByteRange(Math.max(0, size - suffix), size - 1);
        }
        long first = Long.parseLong(m.group(1));
        long last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
        if (first >= size) {
            throw new Unsatisfiable();
        }
        if (last < first) {
            return null;
        }
        return new ByteRange(first, last);
    }

    /** The range lies outside the body: 416 with {@code Content-Range: bytes *&#47;size}. */
    public static final class Unsatisfiable extends Exception {
        Unsatisfiable() {
            super(null, null, false, false);
        }
    }
}
