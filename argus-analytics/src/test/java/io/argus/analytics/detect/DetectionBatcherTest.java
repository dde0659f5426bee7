package io.argus.analytics.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DetectionBatcherTest {
    private static Frame frame(String camera) {
        return new Frame(camera, Instant.EPOCH, 128, 64, new byte[128 * 64 * 3]);
    }

    /** Records batch sizes on the way to a real detector (the tiny YOLOv8 graph, free batch dimension). */
    private static final class Recording implements DetectorBackend {
        final DetectorBackend inner;
        final List<Integer> sizes = new CopyOnWriteArrayList<>();
        final CountDownLatch release;

        Recording(DetectorBackend inner, CountDownLatch release) {
            this.inner = inner;
            this.release = release;
        }

        @Override
        public List<List<Detection>> detect(List<Frame> frames) throws DetectorException {
            sizes.add(frames.size());
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new DetectorException("interrupted", e);
            }
            return inner.detect(frames);
        }

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    private static TensorDetector tinyYolo() throws Exception {
        return TensorDetector.load(TensorDetectorFormatsTest.tiny("yolov8_tiny.onnx"),
                TensorDetectorFormatsTest.tiny("tiny.labels"), null, null, 1, TensorDetector.Options.DEFAULTS);
    }

    @Test
    void framesFromManyCamerasShareBatchesUpToTheMaximum() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (Recording backend = new Recording(tinyYolo(), release);
                DetectionBatcher batcher = new DetectionBatcher(backend,
                        new DetectionBatcher.Config(4, Duration.ofSeconds(5), 64))) {
            List<CompletableFuture<List<Detection>>> results = new ArrayList<>();
            // The first frame goes alone (the worker takes it while the others are not yet queued, or with them);
            // the backend is held until all ten are queued, so the rest must group into batches of at most 4.
            for (int i = 0; i < 10; i++) {
                results.add(batcher.submit(frame("camera-" + (i % 5))));
            }
            release.countDown();
            for (CompletableFuture<List<Detection>> r : results) {
                TensorDetectorFormatsTest.assertGolden(r.get(10, TimeUnit.SECONDS));
            }
            assertThat(backend.sizes).allSatisfy(s -> assertThat(s).isBetween(1, 4));
            assertThat(backend.sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(10);
            assertThat(backend.sizes.size()).isLessThanOrEqualTo(4);
            assertThat(batcher.stats().batches()).isEqualTo(backend.sizes.size());
        }
    }

    @Test
    void aLoneFrameGoesAfterMaxWait() throws Exception {
        CountDownLatch open = new CountDownLatch(0);
        try (Recording backend = new Recording(tinyYolo(), open);
                DetectionBatcher batcher = new DetectionBatcher(backend,
                        new DetectionBatcher.Config(8, Duration.ofMillis(50), 64))) {
            long t0 = System.nanoTime();
            TensorDetectorFormatsTest.assertGolden(batcher.submit(frame("a")).get(10, TimeUnit.SECONDS));
            assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(Duration.ofMillis(50).toNanos());
            assertThat(backend.sizes).containsExactly(1);
        }
    }

    @Test
    void aFullQueueRefusesFramesAtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (Recording backend = new Recording(tinyYolo(), release);
                DetectionBatcher batcher = new DetectionBatcher(backend,
                        new DetectionBatcher.Config(1, Duration.ZERO, 2))) {
            CompletableFuture<List<Detection>> inFlight = batcher.submit(frame("a"));
            while (backend.sizes.isEmpty()) {
                Thread.onSpinWait();
            }
            batcher.submit(frame("b"));
            batcher.submit(frame("c"));
            CompletableFuture<List<Detection>> refused = batcher.submit(frame("d"));
            assertThat(refused).isCompletedExceptionally();
            assertThatThrownBy(refused::get).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(RejectedExecutionException.class);
            release.countDown();
            TensorDetectorFormatsTest.assertGolden(inFlight.get(10, TimeUnit.SECONDS));
            assertThat(batcher.stats().refused()).isEqualTo(1);
        }
    }
}
