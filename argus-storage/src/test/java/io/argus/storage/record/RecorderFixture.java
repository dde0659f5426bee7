package io.argus.storage.record;

import io.argus.media.path.Backoff;
import io.argus.media.path.PathManager;
import io.argus.media.path.SourceListener;
import io.argus.media.stream.Stream;
import io.argus.storage.chunk.ChunkIndex;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.chunk.LocalSegmentStore;
import io.argus.storage.chunk.LocalVolumeConfig;
import io.argus.testkit.Await;
import io.argus.testkit.ManualClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A recorder as the node runs it (its own event loops, a real {@link LocalSegmentStore} in a temporary directory
 * behind an {@link InstrumentedStore}), an in-memory index, and cameras that publish into real paths, all on a
 * {@link ManualClock}: chunk start times and the sync and room-check intervals are exact, not timing-dependent.
 * Only the recorder's batching of reads is real time (it drains its cameras every 100 ms), so tests wait for what
 * it has taken with {@link Camera#awaitStatus}.
 */
final class RecorderFixture implements AutoCloseable {
    static final UUID TENANT = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(20);

    final ManualClock clock = new ManualClock(T0);
    final InstrumentedStore store;
    final MemoryChunkIndex index = new MemoryChunkIndex();
    final Recorder recorder;
    private final SampleFrames frames = new SampleFrames();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final PathManager paths = new PathManager(List.of(), scheduler, Backoff.DEFAULT);
    /** The cameras' sources' event loop: each stream's one writer thread. */
    private final ExecutorService writer = Executors.newSingleThreadExecutor();

    /** @param maxBytes the one volume's limit */
    RecorderFixture(Path dir, RecorderConfig config, long maxBytes, int threads) throws IOException {
        store = new InstrumentedStore(LocalSegmentStore.open(List.of(new LocalVolumeConfig("v0", dir, maxBytes, 0))));
        recorder = new Recorder(store, index, config, threads, clock, clock::nanoTime);
    }

    RecorderFixture(Path dir, RecorderConfig config) throws IOException {
        this(dir, config, Long.MAX_VALUE, 1);
    }

    /** A camera recorded continuously, live, its recorder attached to its stream. */
    Camera camera() {
        return camera(ChunkIndex.UNFENCED);
    }

    /** A camera recorded continuously in fencing {@code epoch}, live, its recorder attached to its stream. */
    Camera camera(long epoch) {
        UUID id = UUID.randomUUID();
        io.argus.media.path.Path path = paths.add(id.toString(), "camera-" + id, null, true);
        recorder.add(TENANT, id, path, RecordingSettings.CONTINUOUS, epoch);
        SourceListener session = path.acquirePublisher();
        Stream stream = session.onReady(List.of(frames.format()), writer);
        Await.until(WAIT, () -> stream.readerCount() == 1, () -> "the recorder attached to camera " + id);
        return new Camera(id, session, stream);
    }

    @Override
    public void close() throws InterruptedException {
        recorder.close();
        paths.close();
        writer.shutdown();
        writer.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS);
        scheduler.shutdownNow();
        frames.close();
        store.close();
    }

    final class Camera {
        final UUID id;
        private final SourceListener session;
        private final Stream stream;

        private Camera(UUID id, SourceListener session, Stream stream) {
            this.id = id;
            this.session = session;
            this.stream = stream;
        }

        /** Publishes frames {@code [from, to)}, each arriving at the clock's present time. */
        void publish(int from, int to) throws InterruptedException, ExecutionException, TimeoutException {
            writer.submit(() -> {
                for (int i = from; i < to; i++) {
                    stream.publish(frames.frame(i, clock.nanoTime()));
                }
            }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }

        /** Publishes frames {@code [from, to)} and waits until the recorder has taken all of them. */
        void record(int from, int to) throws InterruptedException, ExecutionException, TimeoutException {
            long before = status().framesRecorded();
            publish(from, to);
            awaitStatus(s -> s.framesRecorded() == before + to - from, "frames " + from + ".." + to + " recorded");
        }

        RecordingStatus status() {
            return recorder.status(id).orElseThrow();
        }

        void awaitStatus(Predicate<RecordingStatus> condition, String what) {
            Await.until(WAIT, () -> condition.test(status()), () -> what + " (now " + status() + ")");
        }

        /** The camera hangs up: its stream ends, and its recorder sees it on its own thread. */
        void hangUp() {
            session.onEnded("the camera hung up");
        }

        /** Stops recording the camera (its chunk in progress is closed and indexed) and returns its chunks. */
        List<ChunkRecord> stop() {
            recorder.remove(id);
            return chunks();
        }

        List<ChunkRecord> chunks() {
            return index.find(TENANT, id, Instant.EPOCH, Instant.MAX);
        }
    }
}
