package io.argus.server.analytics;

import io.argus.analytics.AnalysisFrame;
import io.argus.analytics.DetectionCounts;
import io.argus.analytics.EventSink;
import io.argus.analytics.FrameAnalyzer;
import io.argus.analytics.ObjectAnalyzer;
import io.argus.analytics.detect.Detection;
import io.argus.analytics.detect.DetectionBatcher;
import io.argus.analytics.detect.DetectorBackend;
import io.argus.analytics.detect.DetectorException;
import io.argus.analytics.detect.FallbackDetector;
import io.argus.analytics.detect.ModelFormat;
import io.argus.analytics.detect.OnnxRuntimeEngine;
import io.argus.analytics.detect.OpenInferenceEngine;
import io.argus.analytics.detect.TensorDetector;
import io.argus.server.config.AnalyticsConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's object detector, as {@code analytics.detector} and {@code analytics.inference.*} say: the shipped
 * NanoDet or a user's ONNX model on ONNX Runtime, optionally behind a remote Open Inference Protocol server that it
 * stands in for when the server fails. A model that cannot load leaves the node on motion alone, said in one line.
 */
public final class Detectors {
    private static final Logger log = LoggerFactory.getLogger(Detectors.class);
    /** The value of {@code analytics.detector} that turns detection off. */
    public static final String NONE = "none";
    /** The value of {@code analytics.detector} for the shipped model. */
    public static final String NANODET = "nanodet";
    /** Frames per detector call, the longest a frame waits for others, frames queued at most. */
    static final DetectionBatcher.Config BATCHING = new DetectionBatcher.Config(4, Duration.ofMillis(20), 32);
    /** How long a camera's thread waits for its picture's detections before skipping it. */
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** A remote request's timeout: beyond it the local model answers. */
    static final Duration REMOTE_TIMEOUT = Duration.ofMillis(500);

    private Detectors() {
    }

    /**
     * The node's analyzer. The model loads when a camera first wants objects detected: a node whose cameras run
     * motion alone spends neither the load nor the model's memory.
     */
    public static FrameAnalyzer analyzer(AnalyticsConfig config) {
        if (config.detector().equals(NONE)) {
            log.info("object detection: off (analytics.detector=none); motion alone");
            return FrameAnalyzer.NONE;
        }
        return new Lazy(config);
    }

    static FrameAnalyzer load(AnalyticsConfig config) {
        DetectorBackend local;
        try {
            local = local(config);
        } catch (DetectorException | RuntimeException e) {
            log.warn("object detection: off, the model {} does not load ({}); motion alone", config.detector(),
                    e.getMessage());
            return FrameAnalyzer.NONE;
        }
        DetectorBackend backend = config.inferenceUrl().isEmpty() ? local : remote(config, local);
        log.info("object detection: {} ({} threads)", backend.name(), config.threads());
        return new ObjectAnalyzer(backend, BATCHING, TIMEOUT);
    }

    /** Loads the model on the first picture; until then, and after a model that did not load, detects nothing. */
    private static final class Lazy implements FrameAnalyzer {
        private final AnalyticsConfig config;
        private volatile FrameAnalyzer loaded;
        private boolean closed;

        Lazy(AnalyticsConfig config) {
            this.config = config;
        }

        @Override
        public List<Detection> analyze(AnalysisFrame frame, EventSink events) {
            FrameAnalyzer a = loaded;
            if (a == null) {
                synchronized (this) {
                    if (loaded == null) {
                        loaded = closed ? FrameAnalyzer.NONE : load(config);
                    }
                    a = loaded;
                }
            }
            return a.analyze(frame, events);
        }

        @Override
        public void cameraStopped(UUID camera) {
            FrameAnalyzer a = loaded;
            if (a != null) {
                a.cameraStopped(camera);
            }
        }

        @Override
        public DetectionCounts counts(UUID camera) {
            FrameAnalyzer a = loaded;
            return a == null ? DetectionCounts.ZERO : a.counts(camera);
        }

        @Override
        public synchronized void close() {
            closed = true;
            if (loaded != null) {
                loaded.close();
            }
        }
    }

    private static DetectorBackend local(AnalyticsConfig config) throws DetectorException {
        if (config.detector().equals(NANODET)) {
            return TensorDetector.nanoDet(config.threads(), TensorDetector.Options.DEFAULTS);
        }
        Path model = Path.of(config.detector());
        try {
            return new TensorDetector(new OnnxRuntimeEngine(model.getFileName().toString(), Files.readAllBytes(model),
                    config.threads()), labels(config), null, null, TensorDetector.Options.DEFAULTS);
        } catch (IOException e) {
            throw new DetectorException("cannot read " + e.getMessage(), e);
        }
    }

    private static List<String> labels(AnalyticsConfig config) throws IOException {
        if (config.detectorLabels().isEmpty()) {
            return TensorDetector.cocoLabels();
        }
        return Files.readString(Path.of(config.detectorLabels())).lines().map(String::strip)
                .filter(l -> !l.isEmpty()).toList();
    }

    /** The remote server first, the local model when it fails; the local model alone when it cannot be reached. */
    private static DetectorBackend remote(AnalyticsConfig config, DetectorBackend local) {
        try {
            OpenInferenceEngine engine = new OpenInferenceEngine(URI.create(config.inferenceUrl()),
                    config.inferenceModel(), new OpenInferenceEngine.Config(REMOTE_TIMEOUT, 4, true));
            ModelFormat format = local instanceof TensorDetector t ? t.format() : null;
            List<String> labels = local instanceof TensorDetector t ? t.labels() : TensorDetector.cocoLabels();
            return new FallbackDetector(new TensorDetector(engine, labels, format, null,
                    TensorDetector.Options.DEFAULTS), local);
        } catch (DetectorException | RuntimeException e) {
            log.warn("object detection: the inference server {} does not answer ({}); the local model alone",
                    config.inferenceUrl(), e.getMessage());
            return local;
        }
    }
}
