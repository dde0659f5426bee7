package io.argus.server.hardening;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, byte for byte as given: the JDK's client normalizes or refuses the paths a hostile
 * client sends ({@code ..}, {@code %2e%2e}, raw control bytes), and those are what the hardening tests need.
 */
final class RawHttp {
    record Response(int status, String contentType, String body) {
    }

    private RawHttp() {
    }

    static Response send(int port, String method, String target, String token, String contentType, byte[] body)
            throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:").append(port).append("\r\nConnection: close\r\n");
            if (token != null) {
                head.append("Authorization: Bearer ").append(token).append("\r\n");
            }
            if (body != null) {
                head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(body.length)
                        .append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = s.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                try {
                    out.write(body);
                } catch (IOException e) {
                    // the server may answer (413) and close before reading a huge body; its answer is still there
                }
            }
            out.flush();
            return read(s.getInputStream());
        }
    }

    /**
     * Sends {@code request} (request line, headers and whatever body, byte for byte), then, when
     * {@code endStream}, half-closes the connection as a client that stopped mid-body would, and reads the answer.
     */
    static Response sendRaw(int port, byte[] request, boolean endStream) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write(request);
            s.getOutputStream().flush();
            if (endStream) {
                s.shutdownOutput();
            }
            return read(s.getInputStream());
        }
    }

    private static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                all.write(buf, 0, n);
                if (all.size() > 4 << 20) {
                    break;
                }
            }
        } catch (IOException e) {
            if (all.size() == 0) {
                throw e;
            }
        }
        String text = all.toString(StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String headers = end < 0 ? text : text.substring(0, end);
        String body = end < 0 ? "" : text.substring(end + 4);
        int status = Integer.parseInt(headers.substring(9, 12));
        String type = "";
        boolean chunked = false;
        for (String line : headers.split("\r\n")) {
            String l = line.toLowerCase(Locale.ROOT);
            if (l.startsWith("content-type:")) {
                type = line.substring(13).trim();
            }
            if (l.startsWith("transfer-encoding:") && l.contains("chunked")) {
                chunked = true;
            }
        }
        return new Response(status, type, chunked ? dechunk(body) : body);
    }

    private static String dechunk(String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int eol = body.indexOf("\r\n", at);
            if (eol < 0) {
                break;
            }
            int size = Integer.parseInt(body.substring(at, eol).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(body, eol + 2, Math.min(body.length(), eol + 2 + size));
            at = eol + 2 + size + 2;
        }
        return out.toString();
    }
}
