package io.argus.storage.crypto;

/** A data key cannot be had: unknown id, wrapped by a master key this node does not have, or altered. */
public final class KeyUnavailableException extends RuntimeException {
    public KeyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
