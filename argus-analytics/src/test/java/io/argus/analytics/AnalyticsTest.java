package io.argus.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.analytics.sampling.SamplingConfig;
import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.MediaFormat;
import io.argus.media.path.Backoff;
import io.argus.media.path.Path;
import io.argus.media.path.PathManager;
import io.argus.media.path.SourceListener;
import io.argus.media.stream.Stream;
import io.argus.storage.event.Event;
import io.argus.storage.event.EventType;
import io.argus.testkit.Await;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node's analytics as a reader of a live path: sessions, motion events, camera down and up. */
class AnalyticsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    java.nio.file.Path dir;

    @Test
    void aLiveCameraWithWalkersMakesAMotionEventAndItsOutageACameraEvent() throws Exception {
        List<AccessUnit> units = Clips.vtest(dir, 10, 10);
        MediaFormat format = Clips.format(units.get(0));
        List<Event> events = new CopyOnWriteArrayList<>();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        ExecutorService writer = Executors.newSingleThreadExecutor();
        UUID tenant = UUID.randomUUID();
        UUID camera = UUID.randomUUID();
        try (PathManager paths = new PathManager(List.of(), scheduler, Backoff.DEFAULT);
             Analytics analytics = new Analytics(new AnalyticsConfig(1, 320, false,
                     SamplingConfig.DEFAULT), FrameAnalyzer.NONE,
                     (e, jpeg) -> events.add(e), Clock.systemUTC())) {
            Path path = paths.add(camera.toString(), "hall", null, true);
            analytics.add(tenant, camera, path, AnalyticsSettings.DEFAULT);
            SourceListener session = path.acquirePublisher();
            Stream stream = session.onReady(List.of(format), writer);
            Await.until(WAIT, () -> stream.readerCount() == 1, () -> "analytics attached");
            writer.submit(() -> units.forEach(stream::publish)).get(30, TimeUnit.SECONDS);
            Await.until(WAIT, () -> analytics.stats(camera).orElseThrow().received() == 100,
                    () -> "all units taken: " + analytics.stats(camera));
            assertThat(events).anyMatch(e -> e.type() == EventType.MOTION && e.to() == null);

            session.onEnded("the camera hung up");
            Await.until(WAIT, () -> events.stream().anyMatch(e -> e.type() == EventType.CAMERA),
                    () -> "a camera event: " + events);
            assertThat(events).anyMatch(e -> e.type() == EventType.MOTION && e.to() != null);
            Event down = events.stream().filter(e -> e.type() == EventType.CAMERA).findFirst().orElseThrow();
            assertThat(down.label()).isEqualTo("down");
            assertThat(down.to()).isNull();

            SourceListener again = path.acquirePublisher();
            again.onReady(List.of(format), writer);
            Await.until(WAIT, () -> events.stream().anyMatch(e -> e.id().equals(down.id()) && e.to() != null),
                    () -> "the outage ended: " + events);
            System.out.println("live analytics of 10 s of vtest: " + analytics.stats(camera).orElseThrow());
        } finally {
            writer.shutdown();
            scheduler.shutdownNow();
        }
    }
}
