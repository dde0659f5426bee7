package io.argus.server.api;

import io.javalin.http.Context;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** ISO-8601 times from query parameters and bodies, and ranges of them; every failure is a 400 naming the field. */
public final class TimeParams {
    static final String EXAMPLE = "an ISO-8601 time such as 2026-11-23T10:15:30Z";

    private TimeParams() {
    }

    /** The required query parameter {@code name} as an instant. */
    public static Instant query(Context ctx, String name) {
        return parse(name, ctx.queryParam(name));
    }

    /**
     * {@code value} as an instant: {@code Z} or an offset ({@code +02:00}; a {@code +} left unescaped in a query
     * string arrives as a space and is taken back).
     */
    public static Instant parse(String field, String value) {
        if (value == null || value.isBlank()) {
            throw invalid(field, "required: " + EXAMPLE);
        }
        try {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(value.trim().replace(' ', '+'), OffsetDateTime::from)
                    .toInstant();
        } catch (DateTimeException e) {
            throw invalid(field, EXAMPLE);
        }
    }

    /** The required {@code from} and {@code to} query parameters: from before to, at most {@code max} apart. */
    public static Instant[] range(Context ctx, Duration max) {
        Instant from = query(ctx, "from");
        Instant to = query(ctx, "to");
        check(from, to, max);
        return new Instant[] {from, to};
    }

    public static void check(Instant from, Instant to, Duration max) {
        if (!from.isBefore(to)) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "from must be before to", Map.of("to",
                    "must be after from"));
        }
        if (max != null && Duration.between(from, to).compareTo(max) > 0) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "the range from " + from + " to " + to
                    + " is longer than " + describe(max) + "; ask for it in parts", Map.of("to",
                    "at most " + describe(max) + " after from"));
        }
    }

    private static String describe(Duration d) {
        return d.toDays() >= 2 && d.toHours() % 24 == 0 ? d.toDays() + " days" : d.toHours() + " hours";
    }

    public static ApiException invalid(String field, String what) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, field + ": " + what, Map.of(field, what));
    }
}
