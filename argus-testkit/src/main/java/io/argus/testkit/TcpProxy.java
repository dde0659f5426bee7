package io.argus.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder on loopback whose link can be cut, for network partitions in tests. {@link #cut} is a black hole,
 * as a partition is: connections stay open and new ones are accepted, but no byte gets through either way, so the
 * client hears nothing until its own timeouts. {@link #restore} closes every connection made so far (the bytes
 * dropped in between broke their streams) and forwards new ones again.
 */
public final class TcpProxy implements AutoCloseable {
    private final ServerSocket server;
    private final InetSocketAddress target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean cut;

    private TcpProxy(ServerSocket server, InetSocketAddress target) {
        this.server = server;
        this.target = target;
    }

    /** Listens on {@code port} of 127.0.0.1 (0: any free port) and forwards to {@code target}. */
    public static TcpProxy start(int port, InetSocketAddress target) {
        try {
            ServerSocket s = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
            TcpProxy proxy = new TcpProxy(s, target);
            Thread.ofVirtual().name("tcp-proxy-" + s.getLocalPort()).start(proxy::accept);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** From now on, no byte gets through, either way. */
    public void cut() {
        cut = true;
    }

    /** Drops the connections the cut broke; new connections are forwarded again. */
    public void restore() {
        sockets.forEach(TcpProxy::closeQuietly);
        sockets.clear();
        cut = false;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(target.getAddress(), target.getPort());
                sockets.add(client);
                sockets.add(upstream);
                Thread.ofVirtual().start(() -> pump(client, upstream));
                Thread.ofVirtual().start(() -> pump(upstream, client));
            } catch (IOException e) {
                // Closed, or the target refused this one: the client sees its connection fail.
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buf = new byte[16384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buf)) >= 0; ) {
                if (!cut) {
                    out.write(buf, 0, n);
                }
            }
        } catch (IOException e) {
            // The other side or restore() closed it.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // Already closed.
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // Already closed.
        }
        restore();
    }
}
