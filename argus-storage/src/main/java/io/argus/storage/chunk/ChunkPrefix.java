package io.argus.storage.chunk;

import java.io.IOException;

/**
 * The part of a chunk written so far, taken while its writer goes on ({@link ChunkWriter#written()}): whole fragments
 * only, as {@link SegmentStore#recover} would keep them if the process were killed now. Immutable and thread-safe:
 * playback reads it on its own threads while the recorder appends, and it stays readable after the writer closes
 * (it then reads the start of the closed chunk, which holds the same bytes).
 */
public interface ChunkPrefix {

    /** The prefix as a chunk: its key, volume, location (the chunk's, once closed), size and SHA-256. */
    ChunkInfo info();

    /**
     * Opens the prefix for reading: exactly {@code info().bytes()} bytes, in the same coordinates (plaintext
     * offsets) as the closed chunk will have.
     *
     * @throws java.nio.file.NoSuchFileException if the chunk was aborted (deleted) meanwhile
     */
    ReadableChunk open() throws IOException;
}
