package io.argus.server.api.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.metadata.Tenants;
import io.argus.server.analytics.EventHub;
import io.argus.server.testing.TestNode;
import io.argus.storage.event.Event;
import io.argus.storage.event.EventType;
import io.argus.testkit.CapturedLog;
import io.argus.testkit.tier.E2e;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The events stream's exchange going away under its writer while events flow must leave the node quiet: a client
 * that drops the stream (a browser closing its tab), and the node stopping with a stream open (Jetty recycles the
 * exchange: the end of every browser test class, whose page had the stream). Writing to a recycled exchange threw,
 * answering that failure threw again from inside Javalin's error handling, and Javalin handled it again: about a
 * thousand failures a second, until the JVM ended (in CI, 28 MB of log per test class after a browser test).
 */
@E2e
class EventStreamLeaveTest {
    /** How long the log is watched after the exchanges went: the loop showed within milliseconds. */
    private static final Duration WATCH = Duration.ofSeconds(3);
    /** Warnings and errors tolerated in that time, for the odd unrelated one (the loop logged on without end). */
    private static final int TOLERATED = 5;

    @RegisterExtension
    static final TestNode node = TestNode.bare();

    @Test
    void exchangesGoingAwayWhileEventsFlowLeaveTheLogQuietAndTheNodeHealthy() throws Exception {
        EventHub hub = node.server().events();
        UUID camera = UUID.randomUUID();
        AtomicBoolean feeding = new AtomicBoolean(true);
        Thread feeder = Thread.ofPlatform().daemon().start(() -> {
            while (feeding.get()) {
                Instant now = Instant.now();
                hub.acceptFromPeer(new Event(Tenants.DEFAULT_ID, UUID.randomUUID(), camera, EventType.MOTION, now,
                        now, null, null, null, null, false));
                LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
            }
        });
        List<String> complaints;
        try (CapturedLog log = CapturedLog.start()) {
            try (Socket dropped = openWithAnEvent()) {
                dropped.setSoLinger(true, 0);
            }
            assertThat(health()).as("the node after a client dropped its stream").isEqualTo(200);
            try (Socket open = openWithAnEvent()) {
                node.stopServer();
                // The absence of failures is what is asserted, so there is no condition to await: watch a while.
                Thread.sleep(WATCH);
            }
            complaints = log.lines().stream().filter(l -> l.contains(" WARN ") || l.contains(" ERROR ")).toList();
        } finally {
            feeding.set(false);
            feeder.join();
        }
        assertThat(complaints).as("warnings and errors after the events streams' exchanges went")
                .hasSizeLessThanOrEqualTo(TOLERATED);
        node.startServer();
        assertThat(health()).isEqualTo(200);
    }

    /** Opens the events stream over a plain socket (to drop it at will) and reads until an event came. */
    private static Socket openWithAnEvent() throws IOException {
        URI base = URI.create(node.base());
        Socket s = new Socket(base.getHost(), base.getPort());
        try {
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            String request = "GET /api/v1/events/stream HTTP/1.1\r\nHost: " + base.getAuthority()
                    + "\r\nAuthorization: Bearer " + node.api().token() + "\r\nAccept: text/event-stream\r\n\r\n";
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            assertThat(in.readLine()).startsWith("HTTP/1.1 200");
            for (String line = in.readLine(); line == null || !line.startsWith("data:"); line = in.readLine()) {
                assertThat(line).as("the stream before its first event").isNotNull();
            }
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private static int health() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(node.base() + "/api/v1/health"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }
}
