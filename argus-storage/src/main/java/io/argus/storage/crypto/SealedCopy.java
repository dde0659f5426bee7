package io.argus.storage.crypto;

import io.argus.storage.chunk.ChunkInfo;
import io.argus.storage.chunk.ChunkKey;
import io.argus.storage.chunk.ChunkPrefix;
import io.argus.storage.chunk.ChunkWriter;
import io.argus.storage.chunk.ReadableChunk;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A sealed chunk built in memory for a copy to another tier: {@link EncryptedChunkWriter} writes the ciphertext
 * into it, and the target store then reads it like any stored chunk. A chunk is tens of megabytes at most, and the
 * mover copies one at a time.
 */
final class SealedCopy implements ChunkWriter {
    static final String VOLUME = "memory";

    private final ChunkKey key;
    private final CompositeByteBuf bytes = Unpooled.compositeBuffer(Integer.MAX_VALUE);

    SealedCopy(ChunkKey key) {
        this.key = key;
    }

    @Override
    public ChunkKey key() {
        return key;
    }

    /** <b>Borrows</b> {@code fragment}: keeps a retained slice of it. */
    @Override
    public void append(ByteBuf fragment) {
        bytes.addComponent(true, fragment.retainedSlice());
    }

    @Override
    public void sync() {
        // nothing to make durable: the target store does that when it takes the copy
    }

    @Override
    public long bytes() {
        return bytes.readableBytes();
    }

    /** The info of the ciphertext; the copy's caller reports the plaintext's. */
    @Override
    public ChunkInfo finish() {
        return info(bytes.readableBytes());
    }

    private ChunkInfo info(int length) {
        MessageDigest d = Sha256.digest();
        for (ByteBuffer view : bytes.nioBuffers(0, length)) {
            d.update(view);
        }
        return new ChunkInfo(key, VOLUME, location(), length, HexFormat.of().formatHex(d.digest()));
    }

    /** The bytes so far, readable until {@link #release}. */
    @Override
    public ChunkPrefix written() {
        int length = bytes.readableBytes();
        ChunkInfo info = info(length);
        return new ChunkPrefix() {
            @Override
            public ChunkInfo info() {
                return info;
            }

            @Override
            public ReadableChunk open() {
                return new Reader(length);
            }
        };
    }

    @Override
    public ChunkInfo close() {
        return finish();
    }

    @Override
    public void abort() {
        release();
    }

    private String location() {
        return VOLUME + ":" + key.camera() + "/" + key.start().toEpochMilli();
    }

    /** The sealed bytes as a stored chunk for the target store to read; valid until {@link #release}. */
    ReadableChunk readable() {
        return new Reader(-1);
    }

    /** The sealed bytes, or their first {@code limit} (a prefix), or all of them with a limit of -1. */
    private final class Reader implements ReadableChunk {
        private final int limit;

        Reader(int limit) {
            this.limit = limit;
        }

        @Override
        public String location() {
            return SealedCopy.this.location();
        }

        @Override
        public long size() {
            return limit < 0 ? bytes.readableBytes() : limit;
        }

        @Override
        public ByteBuf read(long offset, int length, ByteBufAllocator alloc) throws IOException {
            check(offset, length);
            return alloc.buffer(length).writeBytes(bytes, (int) offset, length);
        }

        @Override
        public long transferTo(long offset, long length, WritableByteChannel target) throws IOException {
            check(offset, length);
            long written = 0;
            for (ByteBuffer view : bytes.nioBuffers((int) offset, (int) length)) {
                while (view.hasRemaining()) {
                    written += target.write(view);
                }
            }
            return written;
        }

        private void check(long offset, long length) throws IOException {
            if (offset < 0 || length < 0 || offset + length > size()) {
                throw new IOException("range " + offset + "+" + length + " outside the " + size()
                        + " bytes of " + location());
            }
        }

        @Override
        public Optional<Path> localPath() {
            return Optional.empty();
        }

        /** The copy stays until {@link #release}. */
        @Override
        public void close() {
        }
    }

    void release() {
        if (bytes.refCnt() > 0) {
            bytes.release();
        }
    }
}
