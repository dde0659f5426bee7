package io.argus.storage.chunk;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An open, closed-for-writing chunk for playback: ranged reads into buffers, or straight to a channel. Not
 * thread-safe beyond what positional reads allow (each method reads at an explicit offset; concurrent ranged
 * reads of one open chunk are fine on a local file).
 */
public interface ReadableChunk extends AutoCloseable {

    String location();

    /** The chunk's size in bytes. */
    long size();

    /**
     * Reads {@code length} bytes at {@code offset} into a new buffer from {@code alloc}; the caller owns it.
     *
     * @throws java.io.EOFException if the range does not lie within the chunk
     */
    ByteBuf read(long offset, int length, ByteBufAllocator alloc) throws IOException;

    /**
     * Sends {@code length} bytes at {@code offset} to {@code target} without passing them through the Java heap
     * (on local disk: {@code FileChannel.transferTo}, which is {@code sendfile} to a socket).
     *
     * @return bytes sent ({@code length} unless the target stopped taking them)
     * @throws java.io.EOFException if the range does not lie within the chunk
     */
    long transferTo(long offset, long length, WritableByteChannel target) throws IOException;

    /**
     * The chunk as a local file, for servers that send file ranges themselves (Jetty's
     * {@code Content.Source.from(path, offset, length)}, Netty's {@code DefaultFileRegion}); empty for a remote store.
     */
    Optional<Path> localPath();

    @Override
    void close() throws IOException;
}
