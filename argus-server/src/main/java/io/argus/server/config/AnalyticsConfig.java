package io.argus.server.config;

import java.time.Duration;

/**
 * The node's analytics ({@code analytics.*}).
 *
 * @param enabled       whether analytics run on this node
 * @param threads       analytics threads
 * @param width         analysis and thumbnail width in pixels
 * @param gpu           whether to try a CUDA decoder first
 * @param quietInterval a quiet camera's keyframe interval
 * @param motionFps     pictures a second while motion is seen
 * @param detectionFps  pictures a second after a detection
 * @param detector      {@code nanodet}, {@code none} or the path of an ONNX model
 * @param detectorLabels a user model's label file; empty for COCO's classes
 * @param inferenceUrl  an Open Inference Protocol server to detect on first; empty for none
 * @param inferenceModel the model's name on that server
 * @param protectDays   days an event's recording window is kept from age retention after the event; 0 for none
 * @param fixedFps      0 for adaptive sampling; else every camera sampled at this rate always (a baseline)
 */
public record AnalyticsConfig(boolean enabled, int threads, int width, boolean gpu, Duration quietInterval,
                              int motionFps, int detectionFps, String detector, String detectorLabels,
                              String inferenceUrl, String inferenceModel, int protectDays,
                              int fixedFps) {
    /** Ten years: the longest retention a camera takes (RecordingService.MAX_RETENTION_DAYS). */
    public static final int MAX_PROTECT_DAYS = 3650;

    public AnalyticsConfig {
        if (detector.isBlank()) {
            throw new IllegalArgumentException("analytics.detector: nanodet, none or the path of an ONNX model");
        }
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("analytics.threads: must be 1..256");
        }
        if (width < 64 || width > 1920) {
            throw new IllegalArgumentException("analytics.width: must be 64..1920 pixels");
        }
        if (quietInterval.isNegative() || quietInterval.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("analytics.quietInterval: must be 0 .. 10m");
        }
        if (protectDays < 0 || protectDays > MAX_PROTECT_DAYS) {
            throw new IllegalArgumentException("events.protectDays: must be 0.." + MAX_PROTECT_DAYS);
        }
        if (fixedFps < 0 || fixedFps > 60) {
            throw new IllegalArgumentException("analytics.fixedFps: must be 0..60 (0: adaptive)");
        }
        if (motionFps < 1 || motionFps > 60 || detectionFps < 1 || detectionFps > 60) {
            throw new IllegalArgumentException("analytics.motionFps and analytics.detectionFps: must be 1..60");
        }
    }
}
