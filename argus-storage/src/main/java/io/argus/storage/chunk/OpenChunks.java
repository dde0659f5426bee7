package io.argus.storage.chunk;

import java.util.Optional;
import java.util.UUID;

/**
 * The chunks being recorded now, one per camera at most, as far as they are written. The recorder publishes them
 * (after each fragment it writes) and playback reads them, so the last minute can be played before its chunk closes
 * and enters the {@link ChunkIndex}: the two meet here, at the chunk contract, never through the live stream.
 *
 * <p>Thread-safe. A chunk leaves only after it is indexed and published under its location, so a reader that looks
 * here before it looks in the index never misses a chunk that closes in between ({@link RecordedChunks}).
 */
public interface OpenChunks {

    /** None: a node that records nothing, or a reader that wants closed chunks only (evidence). */
    OpenChunks NONE = (tenant, camera) -> Optional.empty();

    /** The chunk the camera is being recorded into now, once a fragment of it is written. */
    Optional<OpenChunk> find(UUID tenant, UUID camera);
}
