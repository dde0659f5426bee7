package io.argus.metadata;

/** A row could not be written because its name is already taken in the tenant. */
public final class DuplicateNameException extends MetadataException {
    public DuplicateNameException(String message, Throwable cause) {
        super(message, cause);
    }
}
