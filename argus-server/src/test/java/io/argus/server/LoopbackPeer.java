package io.argus.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Something a camera URL can point at, on loopback: it records every connection and every request head it
 * receives (start line and headers) and answers each with what {@code reply} makes of it. A credential trap
 * (a 401 asking for Basic, recording any Authorization) or another service's answer (an HTTP status line).
 */
public final class LoopbackPeer implements AutoCloseable {
    /** A request head: the start line and the header lines as received. */
    public record Head(String startLine, List<String> headers) {
        /** The value of the first header called {@code name}, or null. */
        public String header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return headers.stream().filter(h -> h.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(h -> h.substring(prefix.length()).strip()).findFirst().orElse(null);
        }
    }

    public final List<Head> requests = new CopyOnWriteArrayList<>();
    public final AtomicInteger connections = new AtomicInteger();
    private final ServerSocket socket;

    /** @param reply the bytes to answer a request with (ISO-8859-1), or null to hang up */
    public LoopbackPeer(Function<Head, String> reply) throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("loopback-peer").start(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    connections.incrementAndGet();
                    Thread.ofVirtual().start(() -> serve(s, reply));
                } catch (IOException e) {
                    // closed: stop accepting
                }
            }
        });
    }

    /** A peer that asks for Basic credentials on every request: whatever Authorization it gets, it records. */
    public static LoopbackPeer credentialTrap() throws IOException {
        return new LoopbackPeer(h -> "RTSP/1.0 401 Unauthorized\r\nCSeq: " + h.header("CSeq")
                + "\r\nWWW-Authenticate: Basic realm=\"trap\"\r\n\r\n");
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Every Authorization header received. */
    public List<String> authorizations() {
        return requests.stream().map(h -> h.header("Authorization")).filter(a -> a != null).toList();
    }

    private void serve(Socket s, Function<Head, String> reply) {
        try (s) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            OutputStream out = s.getOutputStream();
            for (String start = in.readLine(); start != null; start = in.readLine()) {
                List<String> headers = new ArrayList<>();
                for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                    headers.add(line);
                }
                Head head = new Head(start, headers);
                requests.add(head);
                String answer = reply.apply(head);
                if (answer == null) {
                    return;
                }
                out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
        } catch (IOException e) {
            // the client hung up
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
