package io.argus.server.api.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.argus.server.api.ApiException;
import io.argus.server.api.ErrorCode;
import io.argus.server.auth.Principal;
import io.argus.storage.event.Event;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client's live event stream: events are queued as the hub hands them over (never blocking the camera's
 * thread: a full queue drops and counts) and written by the request's own thread. The node's re-check of open
 * sessions ({@link io.argus.server.auth.SessionRechecks}) tells it each second which cameras its caller may see
 * now, and ends it when the credential no longer holds, as it does live views.
 */
final class EventStream {
    /** How long the writer waits for an event before it looks at the clock, the client and the credential again. */
    static final Duration POLL = Duration.ofSeconds(1);

    /** A comment line this often keeps proxies and load balancers from closing a quiet stream. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    /** Events waiting for a slow client: a burst of a thousand cameras at once; beyond, dropped and counted. */
    static final int QUEUE = 1024;

    /** The longest {@code maxSeconds} a client may ask for: a day. */
    static final long MAX_SECONDS = 86_400;

    @FunctionalInterface
    interface Encoder {
        String json(Event e) throws JsonProcessingException;
    }

    private final EventFilter filter;
    private final BlockingQueue<Event> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Duration max;
    private volatile Principal principal;
    private volatile boolean revoked;
    private final AtomicLong dropped = new AtomicLong();

    EventStream(EventFilter filter, Principal principal, Duration max) {
        this.filter = filter;
        this.principal = principal;
        this.max = max;
    }

    /**
     * The optional {@code maxSeconds} query parameter: the stream ends after it (for clients that poll, and proxies
     * that cut long answers); null for no end.
     */
    static Duration maxDuration(Context ctx) {
        String v = ctx.queryParam("maxSeconds");
        if (v == null) {
            return null;
        }
        long s;
        try {
            s = Long.parseLong(v);
        } catch (NumberFormatException e) {
            s = -1;
        }
        if (s < 0 || s > MAX_SECONDS) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "maxSeconds must be 0 to " + MAX_SECONDS,
                    Map.of("maxSeconds", "0 to " + MAX_SECONDS));
        }
        return Duration.ofSeconds(s);
    }

    /** From the event hub, on the thread that made the event: never blocks. */
    void offer(Event e) {
        if (!queue.offer(e)) {
            dropped.incrementAndGet();
        }
    }

    /** The caller as the latest re-check found it (cameras granted or taken away since the stream opened). */
    void principal(Principal now) {
        principal = now;
    }

    /** The credential no longer allows the stream: it ends at the writer's next look. */
    void revoked() {
        revoked = true;
    }

    /** Writes events until the client goes, the credential stops allowing it, or {@code maxSeconds} passes. */
    void run(SseClient client, Encoder encoder) {
        long start = System.nanoTime();
        long end = max == null ? Long.MAX_VALUE : start + max.toNanos();
        long nextBeat = start + KEEP_ALIVE.toNanos();
        long reportedDrops = 0;
        client.sendComment("argus events");
        try {
            for (long now = System.nanoTime(); !client.terminated() && now - end < 0; now = System.nanoTime()) {
                Event e = queue.poll(Math.min(POLL.toNanos(), Math.max(0, end - now)), TimeUnit.NANOSECONDS);
                now = System.nanoTime();
                if (revoked) {
                    break;
                }
                Principal principal = this.principal;
                if (e != null && filter.matches(e) && principal.tenantId().equals(e.tenant())
                        && principal.sees(e.camera())) {
                    client.sendEvent("event", encoder.json(e), e.id() + (e.to() == null ? "" : "/end"));
                }
                if (dropped.get() != reportedDrops) {
                    reportedDrops = dropped.get();
                    client.sendComment("dropped " + reportedDrops + " events: the client reads too slowly");
                }
                if (now - nextBeat >= 0) {
                    client.sendComment("keep-alive");
                    nextBeat = now + KEEP_ALIVE.toNanos();
                }
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException gone) {
            // Jetty recycled the exchange under the stream (the client left, the node stops): nobody to write to.
        } catch (JsonProcessingException je) {
            throw new IllegalStateException("an event does not serialize", je);
        } finally {
            closeQuietly(client);
        }
    }

    /** Ends the stream; on an exchange Jetty already recycled there is nothing left to end. */
    private static void closeQuietly(SseClient client) {
        try {
            client.close();
        } catch (IllegalStateException gone) {
            // Nothing to close: the exchange is over.
        }
    }
}
