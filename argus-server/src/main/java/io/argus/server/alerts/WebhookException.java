package io.argus.server.alerts;

/** A webhook the caller asked for that cannot be made: which field and why, in words a person understands. */
public final class WebhookException extends RuntimeException {
    private final String field;

    WebhookException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
