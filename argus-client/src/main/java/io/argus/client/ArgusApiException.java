package io.argus.client;

/** The server answered an error: its HTTP status and the API's stable error code and message. */
public final class ArgusApiException extends RuntimeException {
    private final int status;
    private final String error;

    public ArgusApiException(String what, int status, String error, String message) {
        super(what + " answered " + status + (error == null ? "" : " " + error) + ": " + message);
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    /** The API's error code ({@code not_found}, {@code validation_failed} …), or null when the body had none. */
    public String error() {
        return error;
    }
}
