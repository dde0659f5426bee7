package io.argus.server.live;

import io.argus.media.stream.WallClock;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** A {@code live.ws} viewer on the JDK's WebSocket client: whole binary messages with their arrival times. */
final class LiveWsClient implements WebSocket.Listener {
    record Message(byte[] bytes, long arrivalMicros, long arrivalNanos) {
    }

    final CompletableFuture<String> header = new CompletableFuture<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final List<Message> messages = new ArrayList<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private volatile boolean reading = true;
    final long connectNanos = System.nanoTime();
    final WebSocket ws;

    LiveWsClient(HttpClient http, String url, String token) {
        WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        this.ws = b.buildAsync(URI.create(url), this).orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        header.complete(data.toString());
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        partial.writeBytes(chunk);
        if (last) {
            synchronized (messages) {
                messages.add(new Message(partial.toByteArray(), WallClock.micros(), System.nanoTime()));
                messages.notifyAll();
            }
            partial.reset();
        }
        if (reading) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
        header.completeExceptionally(error);
    }

    /** Stops asking for more: the client's socket buffers fill and the server sees a slow reader. */
    void stopReading() {
        reading = false;
    }

    /** Waits (on a condition, with a deadline) until {@code n} binary messages have arrived; returns them. */
    List<Message> await(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (messages) {
            while (messages.size() < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("only " + messages.size() + " of " + n + " messages");
                }
                TimeUnit.NANOSECONDS.timedWait(messages, left);
            }
            return new ArrayList<>(messages.subList(0, n));
        }
    }

    /** The binary messages arrived so far, in order. */
    List<Message> messages() {
        synchronized (messages) {
            return new ArrayList<>(messages);
        }
    }

    /** Binary messages arrived so far. */
    int received() {
        synchronized (messages) {
            return messages.size();
        }
    }

    void abort() {
        ws.abort();
    }
}
