package io.argus.storage.chunk;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Reading a closed chunk in slices for a copy, hashing what was read: the stores' {@link SegmentStore#put}. */
public final class ChunkCopy {
    /** Bytes per read: large enough for few calls to a remote store, small enough for direct memory. */
    public static final int SLICE = 1 << 20;

    private ChunkCopy() {
    }

    /** Receives the slices of a copy in order. */
    public interface Sink {
        /** Borrows {@code slice}: it is read before this returns and released by the caller. */
        void write(ByteBuf slice) throws IOException;
    }

    /**
     * Sends every byte of {@code source} to {@code sink} in {@link #SLICE}-sized direct buffers.
     *
     * @return SHA-256 of the bytes read, lower-case hex
     */
    public static String copy(ReadableChunk source, Sink sink) throws IOException {
        MessageDigest digest = LocalChunkWriter.sha256();
        long size = source.size();
        long offset = 0;
        while (offset < size) {
            int n = (int) Math.min(SLICE, size - offset);
            ByteBuf slice = source.read(offset, n, ByteBufAllocator.DEFAULT);
            try {
                digest.update(slice.nioBuffer());
                sink.write(slice);
            } finally {
                slice.release();
            }
            offset += n;
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** SHA-256 of a whole chunk's bytes, lower-case hex: the check of a copy against its index row. */
    public static String sha256(ReadableChunk chunk) throws IOException {
        return copy(chunk, slice -> { });
    }
}
