package io.argus.storage.s3;

import io.argus.storage.chunk.ReadableChunk;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * A chunk in object storage open for ranged reads: each read is one GET with a {@code Range} header, so playback
 * fetches the box headers and fragments it serves and nothing else. A small read (a box header) fetches
 * {@link #READ_AHEAD} bytes and keeps them, since the box it announces is read next: scanning a chunk's fragments
 * then costs one request per fragment instead of two. Holds no connection between reads.
 */
final class S3ReadableChunk implements ReadableChunk {
    /** Bytes moved per copy step of {@link #transferTo}. */
    private static final int COPY_BUFFER = 64 << 10;

    /** Reads up to this size are served from a read-ahead block. */
    static final int SMALL_READ = 64 << 10;

    /** The read-ahead block: a moof of a few seconds of video (a few KiB to tens of KiB) with room to spare. */
    static final int READ_AHEAD = 256 << 10;

    private final S3SegmentStore store;
    private final String location;
    private final String objectKey;
    private final long size;
    private byte[] block;
    private long blockStart;

    S3ReadableChunk(S3SegmentStore store, String location, String objectKey, long size) {
        this.store = store;
        this.location = location;
        this.objectKey = objectKey;
        this.size = size;
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public long size() {
        return size;
    }

    private void checkRange(long offset, long length) throws EOFException {
        if (offset < 0 || length < 0 || offset > size || length > size - offset) {
            throw new EOFException("range " + offset + "+" + length + " outside " + location + " (" + size
                    + " bytes)");
        }
    }

    private InputStream get(long offset, long length) throws IOException {
        store.count(location);
        try {
            return store.client().getObject(r -> r.bucket(store.bucket()).key(objectKey)
                    .range("bytes=" + offset + "-" + (offset + length - 1)));
        } catch (SdkException e) {
            throw new S3StoreException("GET " + location + " bytes " + offset + "+" + length + " failed", e);
        }
    }

    @Override
    public ByteBuf read(long offset, int length, ByteBufAllocator alloc) throws IOException {
        checkRange(offset, length);
        if (length <= SMALL_READ) {
            return readSmall(offset, length, alloc);
        }
        ByteBuf buf = alloc.directBuffer(length, length);
        try (InputStream in = get(offset, length)) {
            while (buf.isWritable()) {
                if (buf.writeBytes(in, buf.writableBytes()) < 0) {
                    throw new EOFException(location + " ended at " + (offset + buf.readableBytes()) + " while reading");
                }
            }
            return buf;
        } catch (IOException | RuntimeException e) {
            buf.release();
            throw e;
        }
    }

    private synchronized ByteBuf readSmall(long offset, int length, ByteBufAllocator alloc) throws IOException {
        if (block == null || offset < blockStart || offset + length > blockStart + block.length) {
            int n = (int) Math.min(Math.max(READ_AHEAD, length), size - offset);
            byte[] b = new byte[n];
            if (n > 0) {
                try (InputStream in = get(offset, n)) {
                    int done = 0;
                    while (done < n) {
                        int r = in.read(b, done, n - done);
                        if (r < 0) {
                            throw new EOFException(location + " ended at " + (offset + done) + " while reading");
                        }
                        done += r;
                    }
                }
            }
            block = b;
            blockStart = offset;
        }
        ByteBuf buf = alloc.directBuffer(length, length);
        buf.writeBytes(block, (int) (offset - blockStart), length);
        return buf;
    }

    @Override
    public long transferTo(long offset, long length, WritableByteChannel target) throws IOException {
        checkRange(offset, length);
        if (length == 0) {
            return 0;
        }
        long done = 0;
        try (InputStream in = get(offset, length)) {
            byte[] b = new byte[COPY_BUFFER];
            int n;
            while (done < length && (n = in.read(b, 0, (int) Math.min(b.length, length - done))) > 0) {
                ByteBuffer bb = ByteBuffer.wrap(b, 0, n);
                while (bb.hasRemaining()) {
                    if (target.write(bb) <= 0 && !target.isOpen()) {
                        return done;
                    }
                }
                done += n;
            }
        }
        return done;
    }

    @Override
    public Optional<Path> localPath() {
        return Optional.empty();
    }

    @Override
    public void close() {
        // Nothing held between reads.
    }
}
