package io.argus.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.argus.testkit.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A client of {@code GET /api/v1/events/stream}: the events' ids in the order they came, and when each came
 * ({@link System#nanoTime}). Opening returns once the node has registered the stream (its first comment came).
 */
final class SseEvents implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> ids = new CopyOnWriteArrayList<>();
    private final Map<String, Long> arrived = new ConcurrentHashMap<>();
    private final CountDownLatch open = new CountDownLatch(1);
    private final Stream<String> lines;

    private SseEvents(HttpResponse<Stream<String>> response) {
        lines = response.body();
        Thread.ofVirtual().start(() -> {
            try {
                lines.forEach(this::line);
            } catch (UncheckedIOException e) {
                // Closed by the test.
            }
        });
    }

    static SseEvents open(String base, String token, Duration wait) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/api/v1/events/stream?maxSeconds=120"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofLines());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("the event stream answered " + r.statusCode());
        }
        SseEvents s = new SseEvents(r);
        if (!s.open.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the event stream sent nothing");
        }
        return s;
    }

    private void line(String l) {
        if (l.startsWith(":")) {
            open.countDown();
        } else if (l.startsWith("data:")) {
            try {
                JsonNode e = JSON.readTree(l.substring(5).trim());
                arrived.putIfAbsent(e.get("id").asText(), System.nanoTime());
                ids.add(e.get("id").asText());
            } catch (IOException x) {
                throw new UncheckedIOException(x);
            }
        }
    }

    /** The ids of the events received, in order, repeats included. */
    List<String> ids() {
        return List.copyOf(ids);
    }

    /** Waits for event {@code id} and returns when it first came. */
    long await(String id, Duration wait) {
        Await.until(wait, () -> arrived.containsKey(id), () -> "event " + id + " on the stream; got " + ids);
        return arrived.get(id);
    }

    @Override
    public void close() {
        lines.close();
    }
}
