package io.argus.server.api;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** Field checks shared by the routes; each failure is a 400 naming the field. */
public final class Validate {
    /** Names of users, roles, groups and tenants: what fits in a URL, a log line and an RTSP user name. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    private Validate() {
    }

    public static ApiException invalid(String field, String what) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, field + " " + what, Map.of(field, what));
    }

    public static String name(String field, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw invalid(field, "must be 1-64 letters, digits or ._@- starting with a letter or digit");
        }
        return value;
    }

    /**
     * Free text (a note, a description), null allowed: no control characters (CR, LF, NUL, ESC, TAB, C1), which
     * would break or forge lines in logs, audit details and CSV exports and hide text in the UI. Names are held
     * tighter still ({@link #name}).
     */
    public static String text(String field, String value) {
        if (value != null && value.chars().anyMatch(Character::isISOControl)) {
            throw invalid(field, "must not contain control characters (line breaks, tabs, NUL, escape)");
        }
        return value;
    }

    public static UUID uuid(String field, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw invalid(field, "must hold ids (" + value + " is not one)");
        }
    }
}
