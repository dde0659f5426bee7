package io.argus.analytics.detect;

/** A model could not be loaded or run: a broken model file, an unreachable or overloaded inference server. */
public final class DetectorException extends Exception {
    public DetectorException(String message) {
        super(message);
    }

    public DetectorException(String message, Throwable cause) {
        super(message, cause);
    }
}
