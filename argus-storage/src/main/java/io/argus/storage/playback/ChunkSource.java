package io.argus.storage.playback;

import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.chunk.ReadableChunk;
import io.argus.storage.chunk.SegmentStore;
import java.io.IOException;

/**
 * Opens the bytes of a chunk playback serves: a closed chunk from its store, the chunk being recorded from its
 * written part ({@link io.argus.storage.chunk.OpenChunk}). The caller closes what it gets.
 */
@FunctionalInterface
public interface ChunkSource {

    ReadableChunk open(ChunkRecord chunk) throws IOException;

    /** Closed chunks, from {@code store}. */
    static ChunkSource of(SegmentStore store) {
        return chunk -> store.open(chunk.location());
    }
}
