package io.argus.storage.tier;

import io.argus.storage.chunk.ChunkConversion;
import io.argus.storage.chunk.ReadableChunk;
import java.io.IOException;

/**
 * Re-encodes a chunk for a stage with a {@link TierReencode}. Implemented where the codecs are (the server wires
 * FFmpeg's); the mover only ever sees bytes in and bytes out.
 */
public interface ChunkConverter {
    /**
     * Converts {@code source} (read from its start; not closed).
     *
     * @throws IOException         if the source cannot be read (the move is retried next pass)
     * @throws ConversionException if it cannot be converted (the mover moves the original unconverted)
     */
    Converted convert(ReadableChunk source, TierReencode how) throws IOException, ConversionException;

    /** A node without a converter: every conversion fails, so chunks move unconverted. */
    ChunkConverter NONE = (source, how) -> {
        throw new ConversionException("this node has no video encoder for tier conversion");
    };

    /**
     * What came out; closing it frees the converted bytes.
     *
     * @param sourceSha256 SHA-256 of the source's bytes as they were read for the conversion: the mover converts
     *                     only a source that matches its index hash
     */
    record Converted(ReadableChunk chunk, String sourceSha256, ChunkConversion conversion) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            chunk.close();
        }
    }

    /** A chunk that could not be converted, in words. */
    final class ConversionException extends Exception {
        public ConversionException(String message) {
            super(message, null, false, false);
        }
    }
}
