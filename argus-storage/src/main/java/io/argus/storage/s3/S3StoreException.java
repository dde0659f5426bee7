package io.argus.storage.s3;

import java.io.IOException;

/** A request to object storage failed: the service is unreachable, refused, or answered an error. */
public final class S3StoreException extends IOException {
    public S3StoreException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
