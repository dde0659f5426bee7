package io.argus.server.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A number of bytes written as {@code 4096}, {@code 64KiB}, {@code 16MiB} or {@code 2GiB} (binary units). */
public record ByteSize(long bytes) {
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,15})\\s*(B|KiB|MiB|GiB)?");

    public ByteSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("a size cannot be negative");
        }
    }

    public static ByteSize parse(String text) {
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size (e.g. 65536, 64KiB, 16MiB, 2GiB)");
        }
        long n = Long.parseLong(m.group(1));
        int shift = switch (m.group(2) == null ? "B" : m.group(2)) {
            case "KiB" -> 10;
            case "MiB" -> 20;
            case "GiB" -> 30;
            default -> 0;
        };
        if (n > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
        return new ByteSize(n << shift);
    }

    @Override
    public String toString() {
        for (String[] u : new String[][] {{"30", "GiB"}, {"20", "MiB"}, {"10", "KiB"}}) {
            long unit = 1L << Integer.parseInt(u[0]);
            if (bytes != 0 && bytes % unit == 0) {
                return String.format(Locale.ROOT, "%d%s", bytes / unit, u[1]);
            }
        }
        return Long.toString(bytes);
    }
}
