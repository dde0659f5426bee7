package io.argus.storage.crypto;

import io.argus.storage.chunk.ChunkInfo;
import io.argus.storage.chunk.ChunkKey;
import io.argus.storage.chunk.ChunkWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Encrypts a chunk block by block onto another store's writer. A block is written only sealed, so the last
 * partial block (up to {@link ChunkCipher#BLOCK} bytes) stays in memory until it is full or the chunk ends: a
 * crash loses it, and recovery cuts back to the last complete fragment before it. Each append reaches the store
 * as one write, so a failed append leaves the chunk as it was before it, as {@link ChunkWriter#append} promises.
 */
final class EncryptedChunkWriter implements ChunkWriter {
    private final ChunkWriter inner;
    private final ChunkCipher cipher;
    private MessageDigest digest = Sha256.digest();
    /** The block being filled; a full one is sealed only when a byte follows it, so the last is sealed "last". */
    private final byte[] block = new byte[ChunkCipher.BLOCK];
    private int fill;
    private long index;
    private long bytes;
    private boolean headerWritten;
    private ChunkInfo info;

    EncryptedChunkWriter(ChunkWriter inner, ChunkCipher cipher) {
        this.inner = inner;
        this.cipher = cipher;
    }

    @Override
    public ChunkKey key() {
        return inner.key();
    }

    @Override
    public void append(ByteBuf fragment) throws IOException {
        if (info != null) {
            throw new IllegalStateException("append after finish: " + inner);
        }
        int length = fragment.readableBytes();
        if (length == 0) {
            return;
        }
        int savedFill = fill;
        long savedIndex = index;
        byte[] savedBlock = Arrays.copyOf(block, fill);
        MessageDigest savedDigest = Sha256.copy(digest);
        CompositeByteBuf out = Unpooled.compositeBuffer(Integer.MAX_VALUE);
        try {
            if (!headerWritten) {
                out.addComponent(true, Unpooled.wrappedBuffer(cipher.header()));
            }
            for (ByteBuffer view : fragment.nioBuffers()) {
                digest.update(view);
            }
            int at = fragment.readerIndex();
            int left = length;
            while (left > 0) {
                if (fill == ChunkCipher.BLOCK) {
                    out.addComponent(true, Unpooled.wrappedBuffer(cipher.seal(index++, false, block, 0, fill)));
                    fill = 0;
                }
                int n = Math.min(left, ChunkCipher.BLOCK - fill);
                fragment.getBytes(at, block, fill, n);
                fill += n;
                at += n;
                left -= n;
            }
            if (out.isReadable()) {
                inner.append(out);
            }
        } catch (IOException | RuntimeException e) {
            fill = savedFill;
            index = savedIndex;
            System.arraycopy(savedBlock, 0, block, 0, savedFill);
            digest = savedDigest;
            throw e;
        } finally {
            out.release();
        }
        headerWritten = true;
        bytes += length;
    }

    @Override
    public void sync() throws IOException {
        inner.sync();
    }

    @Override
    public long bytes() {
        return bytes;
    }

    @Override
    public ChunkInfo finish() throws IOException {
        if (info != null) {
            return info;
        }
        if (fill > 0) {
            inner.append(Unpooled.wrappedBuffer(cipher.seal(index, true, block, 0, fill)));
        }
        ChunkInfo stored = inner.finish();
        info = new ChunkInfo(stored.key(), stored.volume(), stored.location(), bytes,
                HexFormat.of().formatHex(digest.digest()));
        return info;
    }

    @Override
    public ChunkInfo close() throws IOException {
        finish();
        inner.close();
        return info;
    }

    @Override
    public void abort() {
        inner.abort();
    }

    @Override
    public String toString() {
        return "EncryptedChunkWriter[" + inner + ", " + bytes + " plaintext bytes]";
    }
}
