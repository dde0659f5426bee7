package io.argus.storage.chunk;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * Where chunk bytes live. Exactly two implementations: {@link LocalSegmentStore} (data directories on local disk,
 * the hot tier) and {@code S3SegmentStore} (object storage, warm and cold). {@code TieredSegmentStore} puts them
 * behind one face by location, and is what recording, playback, retention and the tier mover see. A location is
 * the store's opaque name for a chunk, kept in its index row and given back here.
 *
 * <p>Thread-safe: many cameras create, many viewers read, retention deletes, at once.
 */
public interface SegmentStore extends AutoCloseable {

    /**
     * Starts a new chunk on the volume with the most room.
     *
     * @throws StoreFullException if no volume has room (see {@link #hasRoom()})
     * @throws java.nio.file.FileAlreadyExistsException if a chunk (or a leftover partial one) with this key exists
     */
    ChunkWriter create(ChunkKey key) throws IOException;

    /**
     * True while {@link #create} would find room. Cheap enough to poll every few seconds per paused camera (it
     * reads the store's own accounting and the file systems' free space).
     */
    boolean hasRoom();

    /**
     * Stores a copy of a closed chunk read from another store (the tier mover's upload, a promotion back to local
     * disk), at this store's place for {@code key} in {@code placement}. The place depends only on the key and the
     * placement, and an earlier or partial copy there is overwritten: a move retried after a crash never leaves a
     * second copy. The copy is complete and visible when this returns.
     *
     * <p>An encrypting decorator implements this like {@link #create}: it reads plain bytes from {@code source}
     * and stores what it would write for a recorded chunk.
     *
     * @return the copy's info; its {@code sha256} is of the bytes read from {@code source}
     * @throws UnsupportedOperationException if this store takes no copies for that placement
     */
    default ChunkInfo put(ChunkKey key, Placement placement, ReadableChunk source) throws IOException {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " takes no copies for " + placement);
    }

    /** Opens a closed chunk for reading; the caller closes it. */
    ReadableChunk open(String location) throws IOException;

    /** Reads a range of a closed chunk into a new buffer the caller owns (see {@link ReadableChunk#read}). */
    default ByteBuf read(String location, long offset, int length, ByteBufAllocator alloc) throws IOException {
        try (ReadableChunk chunk = open(location)) {
            return chunk.read(offset, length, alloc);
        }
    }

    /** Sends a range of a closed chunk to {@code target} without a heap copy (see {@link ReadableChunk#transferTo}). */
    default long readTo(String location, long offset, long length, WritableByteChannel target) throws IOException {
        try (ReadableChunk chunk = open(location)) {
            return chunk.transferTo(offset, length, target);
        }
    }

    /**
     * The chunk as a local file, for an HTTP server that sends file ranges itself; empty for a remote store. Does
     * not check that the file exists.
     */
    Optional<Path> localPath(String location);

    /**
     * Deletes a closed chunk. Idempotent.
     *
     * @return false if there was nothing to delete
     */
    boolean delete(String location) throws IOException;

    /** Usage of every volume, in configuration order. */
    List<VolumeUsage> usage();

    /** The volume a location is on. */
    String volumeOf(String location);

    /**
     * Lists every closed chunk (not partial ones), for finding files without an index row. Visits a whole store:
     * for a periodic scan, not a request path.
     */
    void forEachChunk(Consumer<StoredChunk> action) throws IOException;

    /**
     * Completes the chunks a killed process left open, at start-up before any {@link #create}. Each is cut back to
     * its last complete fragment, hashed and published; one without a complete fragment is deleted. Nothing that
     * reached the disk up to the last complete fragment is lost.
     *
     * @param lastCompleteEnd given a partial chunk's bytes (borrowed; reader index 0, writer index at the file's
     *                        end), returns the offset just past its last complete fragment, or 0 if it has none;
     *                        the fMP4 module's {@code Mp4Structure.lastCompleteFragmentEnd}
     *                        (which returns the end of the init segment for a chunk that has no fragment yet: such
     *                        a chunk is published too, and the caller, which parses each recovered chunk for its
     *                        end time anyway, deletes it if it holds no media)
     * @return the recovered chunks, for the caller to index (their end times are in their bytes, not in the store)
     */
    List<ChunkInfo> recover(ToLongFunction<ByteBuf> lastCompleteEnd) throws IOException;

    /**
     * Like {@link #recover(ToLongFunction)}, but {@code repair} decides what is kept and may re-write the end of the
     * kept bytes (an encrypting store re-seals its last block). A store that never holds partial chunks (object
     * storage: chunks arrive there closed) needs no override: it finds nothing to repair.
     */
    default List<ChunkInfo> recover(ChunkRepair repair) throws IOException {
        return recover(bytes -> {
            throw new IllegalStateException(getClass().getSimpleName() + " cannot repair partial chunks");
        });
    }

    @Override
    void close();
}
