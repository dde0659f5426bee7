package io.argus.webrtc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.bouncycastle.tls.DatagramTransport;

/**
 * What BouncyCastle's blocking DTLS engine reads and writes: the DTLS datagrams the port's demultiplexer hands over
 * (queued here, read by the session's handshake thread) and datagrams written to the viewer from the port.
 * Its MTU is {@link WhepSession#MTU}.
 */
final class DtlsDatagramTransport implements DatagramTransport {

    /** DTLS datagrams waiting for the handshake thread: a flight is a handful; more is a flood, dropped. */
    private static final int QUEUE = 64;

    private final BlockingQueue<byte[]> in = new ArrayBlockingQueue<>(QUEUE);
    private final Consumer<ByteBuf> out;
    private volatile boolean closed;

    /** @param out writes a datagram to the viewer's selected address; <b>takes ownership</b> of it */
    DtlsDatagramTransport(Consumer<ByteBuf> out) {
        this.out = out;
    }

    /** A DTLS datagram from the viewer (a copy the transport now owns); false when the queue is full. */
    boolean offer(byte[] datagram) {
        return in.offer(datagram);
    }

    @Override
    public int getReceiveLimit() {
        return 1500;
    }

    @Override
    public int getSendLimit() {
        return WhepSession.MTU;
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        if (closed) {
            throw new IOException("the WebRTC session ended");
        }
        try {
            byte[] d = in.poll(waitMillis, TimeUnit.MILLISECONDS);
            if (d == null) {
                return -1;
            }
            int n = Math.min(len, d.length);
            System.arraycopy(d, 0, buf, off, n);
            return n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the WebRTC session ended");
        }
    }

    @Override
    public void send(byte[] buf, int off, int len) {
        if (!closed) {
            out.accept(Unpooled.copiedBuffer(buf, off, len));
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    boolean isClosed() {
        return closed;
    }
}
