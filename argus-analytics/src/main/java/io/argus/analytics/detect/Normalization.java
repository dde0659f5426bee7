package io.argus.analytics.detect;

/**
 * How a model wants its pixels: {@code (value - mean) / std} per channel, in RGB or BGR channel order ({@code mean}
 * and {@code std} are in the model's channel order), and the value the letterbox pads with (before normalisation).
 */
public record Normalization(float[] mean, float[] std, boolean bgr, int padValue) {
    /** NanoDet's training pipeline: OpenCV BGR images, ImageNet statistics in 0..255 (see models/README.md). */
    public static final Normalization NANODET = new Normalization(new float[] {103.53f, 116.28f, 123.675f},
            new float[] {57.375f, 57.12f, 58.395f}, true, 0);
    /** Ultralytics YOLO: RGB scaled to 0..1, letterboxed with grey 114. */
    public static final Normalization YOLO = new Normalization(new float[] {0, 0, 0}, new float[] {255, 255, 255},
            false, 114);
    /** The pytorch-ssd family (MobileNet SSD): RGB, (x - 127) / 128. */
    public static final Normalization SSD = new Normalization(new float[] {127, 127, 127},
            new float[] {128, 128, 128}, false, 0);

    public Normalization {
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("mean and std have one value per channel");
        }
        for (float s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("std must be positive, got " + s);
            }
        }
        if (padValue < 0 || padValue > 255) {
            throw new IllegalArgumentException("padValue is a pixel value 0..255, got " + padValue);
        }
    }
}
