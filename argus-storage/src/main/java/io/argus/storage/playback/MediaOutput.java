package io.argus.storage.playback;

import io.argus.storage.chunk.ReadableChunk;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * Where an export goes: small rewritten boxes from memory, and ranges of stored chunks that must reach the output
 * without passing through the Java heap. A server implements it over its response (file ranges or mapped memory
 * to the socket); {@link #of(WritableByteChannel)} suits files and sockets.
 */
public interface MediaOutput {

    /** Sends {@code bytes}' readable bytes. <b>Borrows</b> {@code bytes}. */
    void write(ByteBuf bytes) throws IOException;

    /** Sends {@code length} bytes of {@code chunk} from {@code offset}, without a heap copy. */
    void write(ReadableChunk chunk, long offset, long length) throws IOException;

    /**
     * An output over a channel: buffers by gathering their NIO views, chunk ranges with
     * {@link ReadableChunk#transferTo} (to a file or socket channel: {@code copy_file_range}/{@code sendfile}).
     */
    static MediaOutput of(WritableByteChannel channel) {
        return new MediaOutput() {
            @Override
            public void write(ByteBuf bytes) throws IOException {
                for (ByteBuffer b : bytes.nioBuffers()) {
                    while (b.hasRemaining()) {
                        channel.write(b);
                    }
                }
            }

            @Override
            public void write(ReadableChunk chunk, long offset, long length) throws IOException {
                long sent = chunk.transferTo(offset, length, channel);
                if (sent != length) {
                    throw new IOException("output stopped taking bytes after " + sent + " of " + length);
                }
            }
        };
    }
}
