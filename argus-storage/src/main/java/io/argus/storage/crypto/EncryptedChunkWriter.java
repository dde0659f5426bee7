package io.argus.storage.crypto;

import io.argus.storage.chunk.ChunkInfo;
import io.argus.storage.chunk.ChunkKey;
import io.argus.storage.chunk.ChunkPrefix;
import io.argus.storage.chunk.ChunkWriter;
import io.argus.storage.chunk.ReadableChunk;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Encrypts a chunk block by block onto another store's writer. Each {@link #append} seals the whole fragment (as
 * many 64 KiB blocks as it needs, the last one short) and hands it to the store as one write: no plaintext waits
 * in this process, so a fragment survives a killed process (and, once synced, a power cut) exactly as it does
 * without encryption, whenever the recorder syncs; and a failed append leaves the chunk as it was, as
 * {@link ChunkWriter#append} promises. A block per fragment costs 20 bytes of length and tag.
 */
final class EncryptedChunkWriter implements ChunkWriter {
    private final ChunkWriter inner;
    private final ChunkCipher cipher;
    private MessageDigest digest = Sha256.digest();
    private final byte[] block = new byte[ChunkCipher.BLOCK];
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
        long savedIndex = index;
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
                int n = Math.min(left, ChunkCipher.BLOCK);
                fragment.getBytes(at, block, 0, n);
                out.addComponent(true, sealed(index++, false, n));
                at += n;
                left -= n;
            }
            inner.append(out);
        } catch (IOException | RuntimeException e) {
            index = savedIndex;
            digest = savedDigest;
            throw e;
        } finally {
            out.release();
        }
        headerWritten = true;
        bytes += length;
    }

    /**
     * The plaintext appended so far: the stored prefix (whole blocks, the header first) read through this chunk's
     * cipher. Its blocks are all sealed as not last, since the last block is sealed only when the chunk finishes.
     */
    @Override
    public ChunkPrefix written() {
        ChunkPrefix stored = inner.written();
        ChunkInfo s = stored.info();
        ChunkInfo plain = new ChunkInfo(s.key(), s.volume(), s.location(), bytes,
                HexFormat.of().formatHex(Sha256.copy(digest).digest()));
        return new ChunkPrefix() {
            @Override
            public ChunkInfo info() {
                return plain;
            }

            @Override
            public ReadableChunk open() throws IOException {
                ReadableChunk r = stored.open();
                try {
                    return new EncryptedReadableChunk(r, cipher, BlockTable.read(r), false);
                } catch (IOException | RuntimeException e) {
                    r.close();
                    throw e;
                }
            }
        };
    }

    @Override
    public void sync() throws IOException {
        inner.sync();
    }

    @Override
    public long bytes() {
        return bytes;
    }

    /** Seals an empty last block, so a chunk cut after any block shows. */
    @Override
    public ChunkInfo finish() throws IOException {
        if (info != null) {
            return info;
        }
        if (headerWritten) {
            ByteBuf b = sealed(index, true, 0);
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
