package io.argus.storage.crypto;

import java.io.IOException;

/** An encrypted chunk's bytes do not authenticate: altered, truncated, moved, or of another format. */
public final class ChunkIntegrityException extends IOException {
    public ChunkIntegrityException(String message) {
        super(message);
    }
}
