package io.argus.analytics.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.argus.testkit.tier.E2e;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Open Inference Protocol backend against a small v2 server that forwards to ONNX Runtime (no Triton here), and
 * its fallback to the local path on error, timeout and overload.
 */
@E2e
class OpenInferenceEngineTest {
    private static final OpenInferenceEngine.Config CONFIG = new OpenInferenceEngine.Config(Duration.ofSeconds(20), 4, false);
    private static OpenInferenceTestServer nanoDetServer;
    private static TensorDetector local;

    @BeforeAll
    static void start() throws Exception {
        nanoDetServer = new OpenInferenceTestServer("nanodet",
                new OnnxRuntimeEngine("nanodet", TensorDetector.nanoDetModel(), 2));
        local = TensorDetector.nanoDet(2, TensorDetector.Options.DEFAULTS);
    }

    @AfterAll
    static void stop() {
        nanoDetServer.close();
        local.close();
    }

    private static TensorDetector remote(URI uri, String model, OpenInferenceEngine.Config config)
            throws DetectorException {
        return new TensorDetector(new OpenInferenceEngine(uri, model, config), TensorDetector.cocoLabels(),
                ModelFormat.NANODET, null, TensorDetector.Options.DEFAULTS);
    }

    /** In both forms of tensors: JSON arrays, and bytes (the binary tensor data extension). */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void remoteNanoDetFindsWhatTheLocalOneFinds(boolean binary) throws Exception {
        Frame frame = VtestFrames.frame("vtest", "vtest_20s.jpg", Instant.EPOCH);
        try (TensorDetector remote = remote(nanoDetServer.uri(), "nanodet",
                new OpenInferenceEngine.Config(Duration.ofSeconds(20), 4, binary))) {
            assertThat(remote.signature().batchable()).isTrue();
            List<Detection> expected = local.detect(List.of(frame)).get(0);
            List<Detection> actual = remote.detect(List.of(frame)).get(0);
            assertThat(actual).hasSameSizeAs(expected).isNotEmpty();
            for (int i = 0; i < expected.size(); i++) {
                assertThat(actual.get(i).label()).isEqualTo(expected.get(i).label());
                assertThat(actual.get(i).confidence()).isCloseTo(expected.get(i).confidence(), within(1e-5f));
                assertThat(actual.get(i).box().iou(expected.get(i).box())).isGreaterThan(0.999);
            }
        }
    }

    @Test
    void anUnknownModelFailsAtConstruction() {
        assertThatThrownBy(() -> remote(nanoDetServer.uri(), "yolo", CONFIG))
                .isInstanceOf(DetectorException.class).hasMessageContaining("HTTP 404")
                .hasMessageContaining("unknown model");
    }

    @Test
    void anUnreachableServerFailsAtConstruction() {
        assertThatThrownBy(() -> remote(URI.create("http://127.0.0.1:1/"), "nanodet", CONFIG))
                .isInstanceOf(DetectorException.class);
    }

    /** The tiny YOLOv8 graph keeps these fast; its golden detections tell which path answered. */
    @Test
    void errorsTimeoutsAndOverloadFallBackToTheLocalPath() throws Exception {
        TensorDetector tinyLocal = TensorDetector.load(TensorDetectorFormatsTest.tiny("yolov8_tiny.onnx"),
                TensorDetectorFormatsTest.tiny("tiny.labels"), null, null, 1, TensorDetector.Options.DEFAULTS);
        List<String> labels = tinyLocal.labels();
        try (OpenInferenceTestServer server = new OpenInferenceTestServer("tiny", new OnnxRuntimeEngine("tiny",
                Files.readAllBytes(TensorDetectorFormatsTest.tiny("yolov8_tiny.onnx")), 1));
                FallbackDetector detector = new FallbackDetector(new TensorDetector(new OpenInferenceEngine(
                        server.uri(), "tiny", new OpenInferenceEngine.Config(Duration.ofMillis(500), 1, true)), labels,
                        null, null, TensorDetector.Options.DEFAULTS), tinyLocal)) {
            List<Frame> frames = List.of(new Frame("a", Instant.EPOCH, 128, 64, new byte[128 * 64 * 3]));

            TensorDetectorFormatsTest.assertGolden(detector.detect(frames).get(0));
            assertThat(server.infers.get()).isEqualTo(1);
            assertThat(detector.fallbacks()).isZero();

            server.failNext.set(1);
            TensorDetectorFormatsTest.assertGolden(detector.detect(frames).get(0));
            assertThat(detector.fallbacks()).isEqualTo(1);

            // Held past the 500 ms timeout.
            server.hold = new CountDownLatch(1);
            TensorDetectorFormatsTest.assertGolden(detector.detect(frames).get(0));
            assertThat(detector.fallbacks()).isEqualTo(2);
            server.hold.countDown();

            // One request in flight at most: while one is held, a second falls back at once.
            server.hold = new CountDownLatch(1);
            int arrived = server.arrived.get();
            CompletableFuture<List<List<Detection>>> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return detector.detect(frames);
                } catch (DetectorException e) {
                    throw new IllegalStateException(e);
                }
            });
            while (server.arrived.get() == arrived) {
                Thread.onSpinWait();
            }
            long t0 = System.nanoTime();
            TensorDetectorFormatsTest.assertGolden(detector.detect(frames).get(0));
            assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.MILLISECONDS.toNanos(400));
            assertThat(detector.fallbacks()).isEqualTo(3);
            server.hold.countDown();
            TensorDetectorFormatsTest.assertGolden(first.get(10, TimeUnit.SECONDS).get(0));
        }
    }
}
