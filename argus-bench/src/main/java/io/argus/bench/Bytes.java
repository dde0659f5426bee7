package io.argus.bench;

import java.util.Locale;

/** Byte counts as a person reads them, in decimal units as {@code df -H} and the README's tables use. */
final class Bytes {
    private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB", "PB", "EB"};

    private Bytes() {
    }

    /** {@code 512 B}, {@code 1.2 MB}, {@code 51.0 GB}. */
    static String human(long bytes) {
        double v = bytes;
        int unit = 0;
        while (v >= 1000 && unit < UNITS.length - 1) {
            v /= 1000;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", v, UNITS[unit]);
    }

    /** {@code 1.2 MB (1,234,567 bytes)}. */
    static String humanAndExact(long bytes) {
        return String.format(Locale.ROOT, "%s (%,d bytes)", human(bytes), bytes);
    }
}
