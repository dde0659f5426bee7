package io.argus.server;

/** A role failed to start; the roles already started have been stopped again. */
public final class StartupException extends RuntimeException {
    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
