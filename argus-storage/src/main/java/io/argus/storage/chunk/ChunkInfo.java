package io.argus.storage.chunk;

import java.util.Objects;

/**
 * A chunk that is complete in the store: what its index row needs from the store.
 *
 * @param volume   the volume (local data directory, later bucket) holding it, for per-volume eviction
 * @param location the store's name for it, given back to {@link SegmentStore#open} and {@link SegmentStore#delete}
 * @param bytes    its size
 * @param sha256   SHA-256 of its bytes, lower-case hex
 */
public record ChunkInfo(ChunkKey key, String volume, String location, long bytes, String sha256) {
    public ChunkInfo {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(sha256, "sha256");
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes < 0: " + bytes);
        }
    }
}
