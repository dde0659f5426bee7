package io.argus.server.auth;

import java.util.Map;

/**
 * A change to the access model (users, roles, tokens, signed URLs) that the rules refuse; {@link #reason()} tells
 * the API which status to answer with, and the message says why in words a person understands.
 */
public final class AccessException extends RuntimeException {
    /** Why it was refused. */
    public enum Reason { INVALID, FORBIDDEN, NOT_FOUND, CONFLICT, WRONG_PASSWORD }

    private final Reason reason;
    private final Map<String, String> fields;

    private AccessException(Reason reason, String message, Map<String, String> fields) {
        super(message);
        this.reason = reason;
        this.fields = Map.copyOf(fields);
    }

    /** A request field that cannot be used: the message is {@code field what}. */
    static AccessException invalid(String field, String what) {
        return new AccessException(Reason.INVALID, field + " " + what, Map.of(field, what));
    }

    static AccessException forbidden(String message) {
        return new AccessException(Reason.FORBIDDEN, message, Map.of());
    }

    static AccessException notFound(String message) {
        return new AccessException(Reason.NOT_FOUND, message, Map.of());
    }

    static AccessException conflict(String message) {
        return new AccessException(Reason.CONFLICT, message, Map.of());
    }

    static AccessException wrongPassword(String message) {
        return new AccessException(Reason.WRONG_PASSWORD, message, Map.of());
    }

    public Reason reason() {
        return reason;
    }

    /** For {@link Reason#INVALID}: field name to what is wrong with it. */
    public Map<String, String> fields() {
        return fields;
    }
}
