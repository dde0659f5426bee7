package io.argus.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One camera of the {@link FloorRecorder}: DESCRIBE, SETUP of track 0 TCP-interleaved and PLAY (RFC 2326), then
 * every byte received appended to its file as it came, interleaved framing and all. Nothing is parsed after PLAY.
 * Bytes gather in one buffer per camera and go to the file when it is full and at every sync.
 */
final class FloorConnection {

    /**
     * Per-camera buffer: 64 KiB is a quarter second of 2 Mbit/s video, so a camera costs about five writes a
     * second (four full buffers and the sync's), not one per read.
     */
    static final int BUFFER_BYTES = 64 * 1024;

    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^Content-Length:\\s*(\\d+)");
    private static final Pattern SESSION = Pattern.compile("(?im)^Session:\\s*([^;\\r\\n]+)");

    private enum Step { DESCRIBE, SETUP, PLAY, STREAMING }

    private final String url;
    private final SocketChannel channel;
    private final FileChannel file;
    private final ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER_BYTES);
    private Step step = Step.DESCRIBE;
    private int cseq;
    private long bytes;

    private FloorConnection(String url, SocketChannel channel, FileChannel file) {
        this.url = url;
        this.channel = channel;
        this.file = file;
    }

    /** Connects (blocking, then non-blocking for the selector) and sends DESCRIBE. */
    static FloorConnection open(String url, Path file) throws IOException {
        URI u = URI.create(url);
        SocketChannel ch = SocketChannel.open(new java.net.InetSocketAddress(u.getHost(), u.getPort()));
        ch.configureBlocking(false);
        FloorConnection c = new FloorConnection(url, ch, FileChannel.open(file, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING));
        c.send("DESCRIBE " + url + " RTSP/1.0\r\nAccept: application/sdp\r\n");
        return c;
    }

    SocketChannel channel() {
        return channel;
    }

    boolean streaming() {
        return step == Step.STREAMING;
    }

    /** Bytes written to the file so far. */
    long bytes() {
        return bytes;
    }

    /**
     * Reads what the socket holds. Returns false when the server closed the connection.
     *
     * @throws IOException on a refused request or a failed write
     */
    boolean read() throws IOException {
        while (true) {
            int n = channel.read(buf);
            if (n < 0) {
                return false;
            }
            if (step != Step.STREAMING) {
                handshake();
            }
            if (n == 0) {
                return true;
            }
            if (!buf.hasRemaining()) {
                drain();
            }
        }
    }

    /** Writes the buffered bytes to the file. */
    void drain() throws IOException {
        if (step != Step.STREAMING || buf.position() == 0) {
            return;
        }
        buf.flip();
        while (buf.hasRemaining()) {
            bytes += file.write(buf);
        }
        buf.clear();
    }

    /** Writes the buffered bytes and syncs the file's data ({@code fdatasync}). */
    void sync() throws IOException {
        drain();
        if (step == Step.STREAMING) {
            file.force(false);
        }
    }

    /** Handles one complete response, if the buffer holds one; what follows it stays in the buffer. */
    private void handshake() throws IOException {
        String text = StandardCharsets.ISO_8859_1.decode(buf.duplicate().flip()).toString();
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return;
        }
        Matcher length = CONTENT_LENGTH.matcher(text.substring(0, end));
        int total = end + 4 + (length.find() ? Integer.parseInt(length.group(1)) : 0);
        if (text.length() < total) {
            return;
        }
        if (!text.startsWith("RTSP/1.0 200")) {
            throw new IOException(url + ": " + step + " refused: " + text.lines().findFirst().orElse(""));
        }
        buf.flip().position(total);
        buf.compact();
        switch (step) {
            case DESCRIBE -> {
                step = Step.SETUP;
                send("SETUP " + url + "/trackID=0 RTSP/1.0\r\nTransport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n");
            }
            case SETUP -> {
                Matcher session = SESSION.matcher(text.substring(0, end));
                if (!session.find()) {
                    throw new IOException(url + ": SETUP answered without a session");
                }
                step = Step.PLAY;
                send("PLAY " + url + " RTSP/1.0\r\nSession: " + session.group(1).trim() + "\r\n");
            }
            case PLAY -> step = Step.STREAMING;
            default -> throw new IllegalStateException(step.toString());
        }
    }

    private void send(String head) throws IOException {
        ByteBuffer req = StandardCharsets.US_ASCII.encode(String.format(Locale.ROOT, "%sCSeq: %d\r\n\r\n", head,
                ++cseq));
        // A few hundred bytes into an empty socket buffer: written at once.
        while (req.hasRemaining()) {
            channel.write(req);
        }
    }

    void close() {
        try {
            channel.close();
            file.close();
        } catch (IOException e) {
            // Closing at the end of the run: nothing is left to save.
        }
    }
}
