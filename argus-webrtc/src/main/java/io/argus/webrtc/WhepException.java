package io.argus.webrtc;

/** An offer this server cannot answer (malformed, or nothing in it we can send); the message says why. */
public final class WhepException extends RuntimeException {
    public WhepException(String message) {
        super(message);
    }
}
