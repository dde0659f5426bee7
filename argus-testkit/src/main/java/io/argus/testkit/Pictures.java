package io.argus.testkit;

import java.awt.image.BufferedImage;

/** Compares decoded pictures (snapshots, frames) by their luma, so tests can say which picture a camera shows. */
public final class Pictures {
    private Pictures() {
    }

    /** Mean absolute luma difference (0..255) of two pictures of the same size. */
    public static double difference(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            throw new IllegalArgumentException("sizes differ: " + a.getWidth() + "x" + a.getHeight() + " and "
                    + b.getWidth() + "x" + b.getHeight());
        }
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                sum += Math.abs(luma(a.getRGB(x, y)) - luma(b.getRGB(x, y)));
            }
        }
        return (double) sum / ((long) a.getWidth() * a.getHeight());
    }

    /** Mean luma (0..255). */
    public static double meanLuma(BufferedImage a) {
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                sum += luma(a.getRGB(x, y));
            }
        }
        return (double) sum / ((long) a.getWidth() * a.getHeight());
    }

    /** BT.601 luma of a packed RGB pixel. */
    private static int luma(int rgb) {
        return (299 * (rgb >> 16 & 0xff) + 587 * (rgb >> 8 & 0xff) + 114 * (rgb & 0xff)) / 1000;
    }
}
