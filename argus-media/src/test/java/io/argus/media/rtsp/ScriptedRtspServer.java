package io.argus.media.rtsp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/**
 * A blocking fake camera for client failure tests: answers each request with whatever the script returns
 * (raw bytes, so it can send garbage), or closes the connection when the script returns null.
 */
public final class ScriptedRtspServer implements AutoCloseable {

    /** Script input: the request's method, URI and headers (lower-case names). */
    public record Request(String method, String uri, Map<String, String> headers) {
        public String cseq() {
            return headers.getOrDefault("cseq", "0");
        }
    }

    public final List<Request> requests = new CopyOnWriteArrayList<>();
    private final ServerSocket socket;
    private final Thread thread;

    public ScriptedRtspServer(BiFunction<Request, Integer, String> script) throws IOException {
        socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        thread = new Thread(() -> serve(script), "scripted-rtsp");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    public String url(String path) {
        return "rtsp://127.0.0.1:" + port() + path;
    }

    /** A response with CSeq echoed. */
    public static String response(Request r, String statusLine, String headers, String body) {
        return "RTSP/1.0 " + statusLine + "\r\nCSeq: " + r.cseq() + "\r\n" + headers
                + (body.isEmpty() ? "" : "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n")
                + "\r\n" + body;
    }

    private void serve(BiFunction<Request, Integer, String> script) {
        int connection = 0;
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                connection++;
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                        StandardCharsets.ISO_8859_1));
                OutputStream out = s.getOutputStream();
                for (Request r = read(in); r != null; r = read(in)) {
                    requests.add(r);
                    String reply = script.apply(r, connection);
                    if (reply == null) {
                        break;
                    }
                    out.write(reply.getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
            } catch (IOException e) {
                // the client went away, or close() was called: accept the next one or stop
            }
        }
    }

    private static Request read(BufferedReader in) throws IOException {
        String start = in.readLine();
        if (start == null) {
            return null;
        }
        String[] parts = start.split(" ");
        Map<String, String> headers = new TreeMap<>();
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(), line.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        in.skip(length);
        return new Request(parts[0], parts.length > 1 ? parts[1] : "", headers);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
