package io.argus.server.api;

import jakarta.servlet.ServletOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import org.eclipse.jetty.ee10.servlet.HttpOutput;

/**
 * A response body as a channel, for {@code FileChannel.transferTo} and NIO buffers: Jetty's output takes
 * {@link ByteBuffer}s as they are, so recorded bytes go from the file through a direct buffer to the socket and
 * never through a {@code byte[]} on the heap. (Other servlet containers would need a copy; we run on Jetty.)
 */
public final class ResponseChannel implements WritableByteChannel {
    private final HttpOutput out;
    private boolean open = true;

    public ResponseChannel(ServletOutputStream stream) {
        if (!(stream instanceof HttpOutput h)) {
            throw new IllegalStateException("not Jetty's HttpOutput: " + stream.getClass().getName());
        }
        this.out = h;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int n = src.remaining();
        out.write(src);
        return n;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }
}
