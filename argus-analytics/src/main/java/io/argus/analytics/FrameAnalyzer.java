package io.argus.analytics;

import io.argus.analytics.detect.Detection;
import java.util.List;
import java.util.UUID;

/**
 * The seam between the pipeline (sampling, decoding, motion) and object detection, tracking and rules
 * ({@code io.argus.analytics.detect}, {@code .track}, {@code .rules}). The pipeline calls it on the camera's
 * analytics thread with each sampled picture while the camera is in motion or detection rate (motion gates
 * detection: a quiet scene costs no inference), and only for cameras whose settings list object classes.
 *
 * <p>It returns what it found in the picture; a non-empty answer raises the camera's sampling to the detection rate
 * for a while. Object and rule events are its own to make, through {@code events} (one tracked object is one event
 * with a start and an end). It may block while a batch across cameras runs; it must not keep
 * {@link AnalysisFrame#picture()} after it returns.
 */
public interface FrameAnalyzer extends AutoCloseable {
    /** No object detection: the pipeline runs motion alone. */
    FrameAnalyzer NONE = (frame, events) -> List.of();

    List<Detection> analyze(AnalysisFrame frame, EventSink events);

    /** The camera's session ended (it went down, or analytics were turned off for it): forget its tracks. */
    default void cameraStopped(UUID camera) {
    }

    /** The camera's detection counters ({@link DetectionCounts#ZERO} where nothing is detected). */
    default DetectionCounts counts(UUID camera) {
        return DetectionCounts.ZERO;
    }

    @Override
    default void close() {
    }
}
