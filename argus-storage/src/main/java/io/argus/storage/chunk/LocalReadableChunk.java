package io.argus.storage.chunk;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.Optional;

/** A local chunk open for positional reads: a closed one, or the written prefix of one still being written. */
final class LocalReadableChunk implements ReadableChunk {
    private final String location;
    private final Path path;
    private final FileChannel channel;
    private final long size;

    LocalReadableChunk(String location, Path path, FileChannel channel) throws IOException {
        this(location, path, channel, channel.size());
    }

    /** @param size the bytes it holds: the file's size, or a written prefix of a file still growing */
    LocalReadableChunk(String location, Path path, FileChannel channel, long size) {
        this.location = location;
        this.path = path;
        this.channel = channel;
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

    @Override
    public ByteBuf read(long offset, int length, ByteBufAllocator alloc) throws IOException {
        checkRange(offset, length);
        ByteBuf buf = alloc.directBuffer(length, length);
        try {
            int done = 0;
            while (done < length) {
                int n = buf.writeBytes(channel, offset + done, length - done);
                if (n < 0) {
                    throw new EOFException(location + " ended at " + (offset + done) + " while reading");
                }
                done += n;
            }
            return buf;
        } catch (IOException | RuntimeException e) {
            buf.release();
            throw e;
        }
    }

    @Override
    public long transferTo(long offset, long length, WritableByteChannel target) throws IOException {
        checkRange(offset, length);
        long done = 0;
        while (done < length) {
            long n = channel.transferTo(offset + done, length - done, target);
            if (n <= 0) {
                break;
            }
            done += n;
        }
        return done;
    }

    @Override
    public Optional<Path> localPath() {
        return Optional.of(path);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
