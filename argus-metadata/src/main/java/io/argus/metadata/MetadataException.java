package io.argus.metadata;

/** A database operation failed for a reason the caller cannot fix (I/O, a broken connection, a bug). */
public class MetadataException extends RuntimeException {
    public MetadataException(String message, Throwable cause) {
        super(message, cause);
    }
}
