package io.argus.storage.chunk;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * Where closed chunks live, on any tier: what every store does. Two implementations: {@link LocalSegmentStore}
 * (data directories on local disk, the hot tier, which is also a {@link VolumeStore}: recordings are written there)
 * and {@code S3SegmentStore} (object storage, warm and cold: it only ever receives copies). {@code
 * TieredSegmentStore} puts them behind one face by location, and is what recording, playback, retention and the
 * tier mover see. A location is the store's opaque name for a chunk, kept in its index row and given back here.
 *
 * <p>No method has a default: every store and every decorator says what each does (decorators extend
 * {@link ForwardingSegmentStore}, which forwards them all), so none is inherited by accident.
 *
 * <p>Thread-safe: many cameras create, many viewers read, retention deletes, at once.
 */
public interface SegmentStore extends AutoCloseable {

    /**
     * Stores a copy of a closed chunk read from another store (the tier mover's upload, a promotion back to local
     * disk), at this store's place for {@code key} in {@code placement}. The place depends only on the key and the
     * placement, and an earlier or partial copy there is overwritten: a move retried after a crash never leaves a
     * second copy. The copy is complete and visible when this returns.
     *
     * <p>An encrypting decorator implements this like {@link VolumeStore#create}: it reads plain bytes from
     * {@code source} and stores what it would write for a recorded chunk.
     *
     * @return the copy's info; its {@code sha256} is of the bytes read from {@code source}
     * @throws IllegalArgumentException      if the placement is another object-storage target's
     * @throws UnsupportedOperationException if the local volumes are asked for a copy on another tier
     */
    ChunkInfo put(ChunkKey key, Placement placement, ReadableChunk source) throws IOException;

    /** Opens a closed chunk for reading; the caller closes it. */
    ReadableChunk open(String location) throws IOException;

    /**
     * Deletes a closed chunk. Idempotent.
     *
     * @return false if there was nothing to delete
     */
    boolean delete(String location) throws IOException;

    /** The volume a location is on (a local volume's name, or {@code s3:<target>}). */
    String volumeOf(String location);

    /**
     * Lists every closed chunk (not partial ones), for finding files without an index row. Visits a whole store:
     * for a periodic scan, not a request path.
     */
    void forEachChunk(Consumer<StoredChunk> action) throws IOException;

    @Override
    void close();
}
