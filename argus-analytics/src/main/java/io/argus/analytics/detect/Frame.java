package io.argus.analytics.detect;

import java.time.Instant;
import java.util.Objects;

/**
 * A decoded, downscaled frame to analyse: packed RGB24, row-major, {@code width * height * 3} bytes, no row padding.
 * The array is borrowed, never copied or changed: whoever made the frame must not reuse it until its detections are
 * back.
 *
 * @param cameraId the camera it came from
 * @param captureTime when the camera captured it (the stream's capture clock)
 */
public record Frame(String cameraId, Instant captureTime, int width, int height, byte[] rgb) {
    public Frame {
        Objects.requireNonNull(cameraId, "cameraId");
        Objects.requireNonNull(captureTime, "captureTime");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("a frame has a positive size, got " + width + "x" + height);
        }
        if (rgb.length != width * height * 3) {
            throw new IllegalArgumentException("RGB24 " + width + "x" + height + " needs " + width * height * 3
                    + " bytes, got " + rgb.length);
        }
    }
}
