package io.argus.storage.chunk;

import java.io.IOException;
import java.util.Objects;

/**
 * A chunk being recorded, as far as it is written: the row it would get if it closed now, which is the row recovery
 * would give it if the process were killed now (it ends with its last whole fragment; its hash is of those bytes;
 * it is chained to the camera's previous chunk), and those bytes. Not in the index until it closes.
 *
 * @param record the row of the written part: {@code start} is the chunk's, {@code end} the end of its last
 *               fragment written, {@code bytes} and {@code sha256} those of the part
 * @param bytes  the written part, readable while the chunk grows and after it closes
 */
public record OpenChunk(ChunkRecord record, ChunkPrefix bytes) {

    public OpenChunk {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(bytes, "bytes");
    }

    /** Opens the written part (see {@link ChunkPrefix#open()}). */
    public ReadableChunk open() throws IOException {
        return bytes.open();
    }
}
