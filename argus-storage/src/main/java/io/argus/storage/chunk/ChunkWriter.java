package io.argus.storage.chunk;

import io.netty.buffer.ByteBuf;
import java.io.IOException;

/**
 * Writes one chunk, fragment by fragment. Until it is closed the chunk is not visible under its location (a local
 * chunk is a {@code .part} file); a process killed meanwhile leaves it for {@link VolumeStore#recover}. What is
 * written so far can be read meanwhile through {@link #written()}.
 *
 * <p>Not thread-safe: one recorder thread per camera owns its writer.
 *
 * <p>The recorder's sequence that loses nothing and indexes nothing twice across a crash at any point:
 * <pre>
 *   w = store.create(key);  per fragment: w.append(f); w.sync();
 *   info = w.finish();      // synced, hashed, still not under its location
 *   index.add(row(info));   // idempotent: a chunk already indexed is reported, not added twice
 *   w.close();              // now visible under info.location()
 * </pre>
 * A crash before {@code close()} leaves the chunk for {@link VolumeStore#recover}; adding its recovered row again
 * is harmless. So does a writer dropped after {@code finish()} (the index refused the row): never abort a finished
 * chunk for an index failure, that deletes video. {@code close()} alone (finish and publish) suits callers that
 * index afterwards.
 */
public interface ChunkWriter {

    ChunkKey key();

    /**
     * Writes a fragment after the previous ones. Borrows {@code fragment}: it is written before this returns,
     * its reader index and reference count are unchanged, and the caller still releases it. The bytes go from
     * the buffer's own memory to the file (a gathering write over its NIO views; no copy into the heap).
     *
     * <p>If the write fails (disk full, I/O error) the partial fragment is cut off again, so the writer still
     * holds exactly the fragments appended before; {@link #close()} keeps them, {@link #abort()} drops them.
     */
    void append(ByteBuf fragment) throws IOException;

    /** Forces what was appended to the device (data, not metadata: {@code fdatasync}). Called per fragment. */
    void sync() throws IOException;

    /** Bytes appended so far. */
    long bytes();

    /**
     * What is appended so far, for reading while this writer goes on: playback of a chunk before it closes. Costs a
     * copy of the running digest (a SHA-256 state) and a few small objects; call it per fragment, not per write.
     */
    ChunkPrefix written();

    /**
     * Ends the chunk: syncs it and returns what its index row needs. The chunk is not yet visible under the
     * returned location; {@link #close()} publishes it. Idempotent; no {@link #append} after it. A finished writer
     * holds no open file, so it may wait for its index row as long as it takes.
     */
    ChunkInfo finish() throws IOException;

    /**
     * Finishes the chunk if needed and publishes it under its location atomically (a rename on local disk).
     * A chunk with no bytes is dropped instead of published, and its info has {@code bytes == 0}. (Not
     * {@link AutoCloseable}: closing returns the chunk, and a writer left open on an exception is to be aborted.)
     */
    ChunkInfo close() throws IOException;

    /** Drops the chunk and everything appended to it. Idempotent; harmless after a failed {@link #close()}. */
    void abort();
}
