package io.argus.media.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.media.codec.MediaFormat;
import io.argus.media.stream.Stream;
import io.argus.testkit.Await;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PathTest {
    private static final List<MediaFormat> H264 = List.of(new MediaFormat.H264(null, null));
    private static final SourceConfig CAM = new SourceConfig(URI.create("test://cam/1"), null, null, Transport.AUTO);

    /** A source whose attempts the test drives by hand. */
    static final class ScriptedConnector implements SourceConnector {
        final List<SourceListener> attempts = new CopyOnWriteArrayList<>();
        final List<Boolean> closed = new CopyOnWriteArrayList<>();
        final List<SourceConfig> configs = new CopyOnWriteArrayList<>();

        @Override
        public boolean supports(SourceConfig config) {
            return config.url().getScheme().equals("test");
        }

        @Override
        public SourceAttempt connect(SourceConfig config, SourceListener listener, SourceCounters counters) {
            int i = attempts.size();
            attempts.add(listener);
            closed.add(false);
            configs.add(config);
            return () -> closed.set(i, true);
        }
    }

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ScriptedConnector connector = new ScriptedConnector();
    private final PathManager paths = new PathManager(List.of(connector), scheduler,
            new Backoff(Duration.ofMillis(1), Duration.ofMillis(4)));

    @AfterEach
    void close() {
        paths.close();
        scheduler.shutdownNow();
    }

    private static void await(BooleanSupplier condition) {
        Await.until(Duration.ofSeconds(10), condition, () -> "the condition");
    }

    @Test
    void goesLiveThenRetriesWithBackoffAfterTheSourceEnds() {
        Path p = paths.add("id-1", "lobby", CAM, true);
        assertThat(p.state()).isEqualTo(PathState.CONNECTING);
        Stream s = connector.attempts.get(0).onReady(H264, Runnable::run);
        assertThat(p.state()).isEqualTo(PathState.LIVE);
        assertThat(p.stream()).isSameAs(s);
        connector.attempts.get(0).onEnded("server closed the connection");
        assertThat(p.status().lastError()).isEqualTo("server closed the connection");
        assertThat(s.isClosed()).isTrue();
        await(() -> connector.attempts.size() == 2);
        assertThat(p.status().reconnects()).isEqualTo(1);
        assertThat(p.state()).isEqualTo(PathState.CONNECTING);
    }

    @Test
    void aDemandStartsARelayThatTakesAFreshSourceEachAttemptUntilTheOwnSourceIsBack() {
        Path p = paths.add("id-1", "lobby", CAM, true);
        connector.attempts.get(0).onReady(H264, Runnable::run);
        AtomicInteger minted = new AtomicInteger();
        paths.onDemand(q -> {
            if (!q.relayed()) {
                q.relayFrom(() -> new SourceConfig(URI.create("test://owner/" + minted.incrementAndGet()),
                        "argus-node", "token", Transport.TCP));
            }
        });
        CompletableFuture<Stream> live = p.demand();
        // The session with the camera itself ended for the relay, which the viewer waits for.
        assertThat(live).isNotDone();
        assertThat(connector.closed.get(0)).isTrue();
        assertThat(connector.configs.get(1).url()).hasToString("test://owner/1");
        Stream relayed = connector.attempts.get(1).onReady(H264, Runnable::run);
        assertThat(live).isCompletedWithValue(relayed);
        assertThat(p.demand()).isCompletedWithValue(relayed);

        connector.attempts.get(1).onEnded("the owner went away");
        await(() -> connector.attempts.size() == 3);
        assertThat(connector.configs.get(2).url()).hasToString("test://owner/2");

        p.relayFrom(null);
        assertThat(p.relayed()).isFalse();
        assertThat(connector.configs.get(3)).isEqualTo(CAM);
    }

    @Test
    void aDemandTheListenerRefusesFails() {
        Path p = paths.add("id-1", "lobby", CAM, true);
        paths.onDemand(q -> {
            throw new DemandRefusedException("no node owns it now");
        });
        assertThat(p.demand()).isCompletedExceptionally();
    }

    @Test
    void reportsFromAnOldAttemptAreIgnored() {
        Path p = paths.add("id-1", "lobby", CAM, true);
        SourceListener first = connector.attempts.get(0);
        p.configure(CAM, true);
        assertThat(connector.closed.get(0)).isTrue();
        assertThat(first.onReady(H264, Runnable::run)).isNull();
        first.onEnded("late");
        assertThat(p.state()).isEqualTo(PathState.CONNECTING);
        assertThat(connector.attempts).hasSize(2);
    }

    @Test
    void disablingStopsTheSourceAndUnsupportedSchemesFail() {
        Path p = paths.add("id-1", "lobby", CAM, true);
        p.configure(CAM, false);
        assertThat(connector.closed.get(0)).isTrue();
        assertThat(p.state()).isEqualTo(PathState.DISABLED);
        p.configure(new SourceConfig(URI.create("rtmp://cam/x"), null, null, Transport.AUTO), true);
        assertThat(p.state()).isEqualTo(PathState.FAILED);
        assertThat(p.status().lastError()).contains("rtmp");
    }

    @Test
    void onePublisherAtATimeOnPushPaths() {
        Path push = paths.add("id-2", "live/x", null, true);
        assertThat(push.state()).isEqualTo(PathState.WAITING);
        SourceListener pub = push.acquirePublisher();
        assertThat(pub).isNotNull();
        assertThat(push.acquirePublisher()).isNull();
        pub.onReady(H264, Runnable::run);
        assertThat(push.state()).isEqualTo(PathState.LIVE);
        pub.onEnded("publisher left");
        assertThat(push.state()).isEqualTo(PathState.WAITING);
        assertThat(push.acquirePublisher()).isNotNull();
        Path pull = paths.add("id-3", "pull", CAM, true);
        assertThat(pull.acquirePublisher()).as("a pulled camera takes no publisher").isNull();
    }

    @Test
    void findsByIdAndLetsNamesRepeat() {
        paths.add("id-1", "lobby", CAM, true);
        assertThat(paths.get("id-1")).isPresent();
        assertThat(paths.get("lobby")).as("names are not keys").isEmpty();
        assertThat(paths.add("id-2", "lobby", CAM, true).name()).as("another tenant's lobby").isEqualTo("lobby");
        assertThatThrownBy(() -> paths.add("id-1", "hall", CAM, true)).isInstanceOf(IllegalArgumentException.class);
        paths.rename("id-1", "hall");
        assertThat(paths.get("id-1").orElseThrow().name()).isEqualTo("hall");
        paths.remove("id-1");
        assertThat(paths.get("id-1")).isEmpty();
        assertThat(connector.closed.get(0)).isTrue();
    }

    @Test
    void backoffGrowsAndStaysWithinBounds() {
        Backoff b = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
        for (int attempt = 0; attempt < 40; attempt++) {
            long ceiling = Math.min(30_000, 500L << Math.min(attempt, 20));
            assertThat(b.delayMillis(attempt)).isBetween(ceiling / 2, ceiling);
        }
    }
}
