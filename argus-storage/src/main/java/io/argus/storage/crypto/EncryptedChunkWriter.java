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
 * Encrypts a chunk block by block onto another store's writer. Bytes are written only sealed: full blocks as
 * they fill, and whatever is pending at each {@link #sync()}, so a synced fragment is on disk as it is without
 * encryption. Each call reaches the store as one write, so a failed append leaves the chunk as it was, as
 * {@link ChunkWriter#append} promises.
 */
final class EncryptedChunkWriter implements ChunkWriter {
    private final ChunkWriter inner;
    private final ChunkCipher cipher;
    private MessageDigest digest = Sha256.digest();
    /** The block being filled; a full one is sealed when a byte follows it or at a sync. */
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

    private ByteBuf sealed(long i, boolean last, int length) {
        byte[] s = cipher.seal(i, last, block, 0, length);
        return Unpooled.wrappedBuffer(Unpooled.copyInt(length), Unpooled.wrappedBuffer(s));
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
                    out.addComponent(true, sealed(index++, false, fill));
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

    /** Seals what is pending (a short block unless it filled up) and syncs. */
    @Override
    public void sync() throws IOException {
        if (fill > 0) {
            ByteBuf b = sealed(index, false, fill);
            try {
                inner.append(b);
            } finally {
                b.release();
            }
            index++;
            fill = 0;
        }
        inner.sync();
    }

    @Override
    public long bytes() {
        return bytes;
    }

    /** Seals the pending bytes (possibly none) as the last block, so a chunk cut after any block shows. */
    @Override
    public ChunkInfo finish() throws IOException {
        if (info != null) {
            return info;
        }
        if (headerWritten) {
            ByteBuf b = sealed(index, true, fill);
            try {
                inner.append(b);
            } finally {
                b.release();
            }
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
