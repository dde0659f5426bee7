package io.argus.analytics;

/**
 * A camera's object detection counters since it was added.
 *
 * @param sent     sampled pictures handed to the detector
 * @param detected pictures in which it found an object of a class the camera wants
 * @param skipped  pictures not analysed: the detector's queue was full, it timed out or it failed
 */
public record DetectionCounts(long sent, long detected, long skipped) {
    public static final DetectionCounts ZERO = new DetectionCounts(0, 0, 0);
}
