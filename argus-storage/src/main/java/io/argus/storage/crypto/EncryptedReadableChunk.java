package io.argus.storage.crypto;

import io.argus.storage.chunk.ReadableChunk;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An encrypted chunk read by plaintext offsets: each read decrypts the blocks it touches (and no others). Bytes
 * pass through the heap to be decrypted, so there is no zero-copy path; {@link #localPath()} is empty so that no
 * server sends the stored (encrypted) file.
 */
final class EncryptedReadableChunk implements ReadableChunk {
    private final ReadableChunk inner;
    private final ChunkCipher cipher;
    private final BlockTable table;
    private final boolean finished;

    /**
     * @param finished whether the chunk was finished, its last block sealed as the last; false for the written
     *                 prefix of a chunk still being written, none of whose blocks is
     */
    EncryptedReadableChunk(ReadableChunk inner, ChunkCipher cipher, BlockTable table, boolean finished) {
        this.inner = inner;
        this.cipher = cipher;
        this.table = table;
        this.finished = finished;
    }

    @Override
    public String location() {
        return inner.location();
    }

    @Override
    public long size() {
        return table.plainSize();
    }

    private void checkRange(long offset, long length) throws EOFException {
        long size = size();
        if (offset < 0 || length < 0 || offset > size || length > size - offset) {
            throw new EOFException("range " + offset + "+" + length + " outside " + location() + " (" + size
                    + " bytes)");
        }
    }

    /** The plaintext of block {@code b}. */
    private byte[] block(int b) throws IOException {
        int length = table.length(b) + ChunkCipher.TAG;
        ByteBuf sealed = inner.read(table.offsets()[b] + ChunkCipher.PREFIX, length, ByteBufAllocator.DEFAULT);
        try {
            byte[] bytes = new byte[length];
            sealed.getBytes(sealed.readerIndex(), bytes);
            return cipher.open(b, finished && b == table.blocks() - 1, bytes, 0, length, location());
        } finally {
            sealed.release();
        }
    }

    @Override
    public ByteBuf read(long offset, int length, ByteBufAllocator alloc) throws IOException {
        checkRange(offset, length);
        ByteBuf out = alloc.buffer(length, length);
        try {
            each(offset, length, (plain, from, n) -> out.writeBytes(plain, from, n));
            return out;
        } catch (IOException | RuntimeException e) {
            out.release();
            throw e;
        }
    }

    @Override
    public long transferTo(long offset, long length, WritableByteChannel target) throws IOException {
        checkRange(offset, length);
        long[] sent = {0};
        each(offset, length, (plain, from, n) -> {
            ByteBuffer b = ByteBuffer.wrap(plain, from, n);
            while (b.hasRemaining()) {
                if (target.write(b) < 0) {
                    break;
                }
            }
            sent[0] += n - b.remaining();
        });
        return sent[0];
    }

    private interface Sink {
        void take(byte[] plain, int from, int n) throws IOException;
    }

    /** Decrypts the blocks under {@code [offset, offset + length)} in order and hands each its part. */
    private void each(long offset, long length, Sink sink) throws IOException {
        long pos = offset;
        long end = offset + length;
        while (pos < end) {
            int b = table.blockOf(pos);
            byte[] plain = block(b);
            int from = (int) (pos - table.plainStart()[b]);
            int n = (int) Math.min(plain.length - from, end - pos);
            sink.take(plain, from, n);
            pos += n;
        }
    }

    @Override
    public Optional<Path> localPath() {
        return Optional.empty();
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }
}
