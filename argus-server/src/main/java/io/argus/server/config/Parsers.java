package io.argus.server.config;

import java.nio.file.Path;
import java.util.List;
import java.util.ArrayList;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for the key table's value types; each throws IllegalArgumentException with the reason. */
final class Parsers {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)");

    private Parsers() {
    }

    static int port(String s) {
        int p = integer(s);
        if (p < 0 || p > 65_535) {
            throw new IllegalArgumentException("'" + s + "' is not a port (0-65535; 0 picks a free port)");
        }
        return p;
    }

    static int integer(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is not a whole number");
        }
    }

    static boolean bool(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("'" + s + "' is not true or false");
        };
    }

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 24h}, {@code 7d}, or ISO-8601 ({@code PT30S}). */
    static Duration duration(String s) {
        String t = s.trim();
        Matcher m = DURATION.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            Duration d = Duration.parse(t);
            if (d.isNegative()) {
                throw new IllegalArgumentException("'" + s + "' is negative");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + s + "' is not a duration (e.g. 500ms, 30s, 5m, 24h, 7d)");
        }
    }

    static Path path(String s) {
        if (s.isBlank()) {
            throw new IllegalArgumentException("a path cannot be empty");
        }
        return Path.of(s.trim());
    }

    /** Comma-separated paths, at least one, none empty. */
    static List<Path> paths(String s) {
        List<Path> out = new ArrayList<>();
        for (String part : s.split(",", -1)) {
            out.add(path(part));
        }
        return List.copyOf(out);
    }

    static String text(String s) {
        return s;
    }
}
