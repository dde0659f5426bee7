package io.argus.storage.crypto;

import io.argus.storage.chunk.ReadableChunk;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.util.Arrays;

/**
 * Where the blocks of an encrypted chunk are: stored offset and plaintext start of each, found by walking the
 * length prefixes. Immutable; cached per closed chunk by {@link EncryptedSegmentStore}.
 *
 * @param stored     stored size the table was built for
 * @param offsets    stored offset of each block's length prefix
 * @param plainStart plaintext offset of each block's first byte, plus one entry for the end (the plaintext size)
 */
record BlockTable(long stored, long[] offsets, long[] plainStart) {

    int blocks() {
        return offsets.length;
    }

    long plainSize() {
        return plainStart[offsets.length];
    }

    int length(int b) {
        return (int) (plainStart[b + 1] - plainStart[b]);
    }

    /** The block holding plaintext offset {@code o} (which is below the plaintext size). */
    int blockOf(long o) {
        int i = Arrays.binarySearch(plainStart, 0, offsets.length, o);
        if (i >= 0) {
            while (i + 1 < offsets.length && plainStart[i + 1] == o) {
                i++;
            }
            return i;
        }
        return -i - 2;
    }

    /** Walks a stored chunk's blocks: one 4-byte read per block. */
    static BlockTable read(ReadableChunk chunk) throws IOException {
        long stored = chunk.size();
        long[] offsets = new long[64];
        long[] starts = new long[65];
        int n = 0;
        long pos = ChunkCipher.HEADER;
        long plain = 0;
        while (pos < stored) {
            if (stored - pos < ChunkCipher.PREFIX + ChunkCipher.TAG) {
                throw new ChunkIntegrityException(chunk.location() + ": " + (stored - pos)
                        + " stray bytes after block " + n + " (truncated)");
            }
            int len = readInt(chunk, pos);
            if (len < 0 || len > ChunkCipher.BLOCK || pos + ChunkCipher.PREFIX + len + ChunkCipher.TAG > stored) {
                throw new ChunkIntegrityException(chunk.location() + ": block " + n + " claims " + len
                        + " bytes at " + pos + " of " + stored + " (altered or truncated)");
            }
            if (n == offsets.length) {
                offsets = Arrays.copyOf(offsets, n * 2);
                starts = Arrays.copyOf(starts, n * 2 + 1);
            }
            offsets[n] = pos;
            starts[n] = plain;
            n++;
            plain += len;
            pos += ChunkCipher.PREFIX + len + ChunkCipher.TAG;
        }
        starts[n] = plain;
        return new BlockTable(stored, Arrays.copyOf(offsets, n), Arrays.copyOf(starts, n + 1));
    }

    private static int readInt(ReadableChunk chunk, long pos) throws IOException {
        ByteBuf b = chunk.read(pos, ChunkCipher.PREFIX, ByteBufAllocator.DEFAULT);
        try {
            return b.getInt(b.readerIndex());
        } finally {
            b.release();
        }
    }
}
