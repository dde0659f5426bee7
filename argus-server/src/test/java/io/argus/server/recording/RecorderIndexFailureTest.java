package io.argus.server.recording;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.media.codec.AccessUnit;
import io.argus.media.path.Backoff;
import io.argus.media.path.Path;
import io.argus.media.path.PathManager;
import io.argus.media.stream.Stream;
import io.argus.metadata.Database;
import io.argus.metadata.JdbcChunkIndex;
import io.argus.metadata.Tenants;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.chunk.LocalSegmentStore;
import io.argus.storage.chunk.LocalVolumeConfig;
import io.argus.storage.playback.ChunkFixtures;
import io.argus.storage.record.Recorder;
import io.argus.storage.record.RecorderConfig;
import io.argus.storage.record.RecordingSettings;
import io.argus.testkit.Await;
import io.argus.testkit.CapturedLog;
import io.argus.testkit.SampleMedia;
import io.netty.buffer.ByteBuf;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recorder against a real chunk index whose database is gone (closed under it, as H2's own shutdown hook did
 * on SIGTERM): the chunk it cannot index stays a {@code .part} file, the log says why, and start-up recovery
 * indexes all of it. Deleting it would lose the whole chunk, which a {@code kill -9} keeps.
 */
class RecorderIndexFailureTest {
    private static final UUID CAMERA = UUID.randomUUID();

    @TempDir
    java.nio.file.Path dir;

    private ScheduledExecutorService scheduler;
    private ExecutorService source;
    private PathManager paths;

    @BeforeEach
    void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor();
        source = Executors.newSingleThreadExecutor();
        paths = new PathManager(List.of(), scheduler, Backoff.DEFAULT);
    }

    @AfterEach
    void stop() throws InterruptedException {
        paths.close();
        // Closing a stream releases its cached GOP on the stream's own thread: let that run before the thread
        // goes, or the units it holds leak.
        source.shutdown();
        assertThat(source.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        scheduler.shutdownNow();
    }

    @Test
    void aChunkThatCannotBeIndexedStaysForRecovery() throws Exception {
        List<LocalVolumeConfig> volumes = List.of(new LocalVolumeConfig("hot", dir.resolve("rec"), Long.MAX_VALUE, 0));
        Database db = Database.openEmbedded(dir);
        Recorder recorder = new Recorder(LocalSegmentStore.open(volumes), new JdbcChunkIndex(db.dataSource()),
                RecorderConfig.DEFAULT, 1);
        Path path = paths.add("cam", "cam", null, true);
        recorder.add(Tenants.DEFAULT_ID, CAMERA, path, RecordingSettings.CONTINUOUS);
        Stream stream = path.acquirePublisher().onReady(List.of(ChunkFixtures.format(SampleMedia.H264_360P25)),
                source);
        Await.until(Duration.ofSeconds(10), Duration.ofMillis(5), () -> stream.readerCount() == 1, "recorder attached");
        List<AccessUnit> units = ChunkFixtures.videoUnits(SampleMedia.H264_360P25, 0);
        source.submit(() -> units.forEach(au -> stream.publish(received(au)))).get();
        Await.until(Duration.ofSeconds(10), Duration.ofMillis(5),
                () -> recorder.status(CAMERA).orElseThrow().framesRecorded() == units.size(), "all frames recorded");

        db.close();
        List<String> logged;
        try (CapturedLog log = CapturedLog.start()) {
            recorder.close();
            logged = log.linesWith("indexing chunk");
        }
        try (var files = Files.walk(dir.resolve("rec"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".part")).toList()).as("left for recovery")
                    .hasSize(1);
        }
        assertThat(logged).as("the cause is logged").singleElement().asString()
                .contains("Connection pool has been disposed");

        try (Database reopened = Database.openEmbedded(dir)) {
            JdbcChunkIndex index = new JdbcChunkIndex(reopened.dataSource());
            Recorder restarted = new Recorder(LocalSegmentStore.open(volumes), index, RecorderConfig.DEFAULT, 1);
            List<ChunkRecord> recovered = restarted.recover();
            restarted.close();
            assertThat(recovered).hasSize(1);
            assertThat(recovered.get(0).duration()).as("all four seconds of the chunk")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(3960));
            assertThat(index.find(Tenants.DEFAULT_ID, CAMERA, Instant.EPOCH, Instant.now().plusSeconds(60)))
                    .isEqualTo(recovered);
        }
    }

    /** The same picture as received now (the recorder places units on the wall clock by their receipt). */
    private static AccessUnit received(AccessUnit au) {
        ByteBuf[] nals = new ByteBuf[au.unitCount()];
        for (int i = 0; i < nals.length; i++) {
            nals[i] = au.unit(i).retainedSlice();
        }
        AccessUnit out = AccessUnit.of(au.track(), au.codec(), au.pts(), au.dts(), au.keyframe(), nals, nals.length,
                System.nanoTime());
        au.release();
        return out;
    }
}
