package io.argus.server.alerts;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.IntSupplier;

/** A webhook receiver on loopback (the JDK's HTTP server): it keeps every request and answers as told. */
final class WebhookReceiver implements AutoCloseable {
    /** A request as received: headers by lower-case name, the body, and when ({@link System#nanoTime}). */
    record Received(Map<String, String> headers, byte[] body, long nanos) {
        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private final HttpServer server;
    final BlockingQueue<Received> requests = new LinkedBlockingQueue<>();

    /** @param status the status for each request in turn */
    WebhookReceiver(IntSupplier status) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT),
                    v.getFirst()));
            byte[] body = exchange.getRequestBody().readAllBytes();
            requests.add(new Received(headers, body, System.nanoTime()));
            exchange.sendResponseHeaders(status.getAsInt(), -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
