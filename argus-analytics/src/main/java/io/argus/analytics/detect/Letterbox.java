package io.argus.analytics.detect;

import io.argus.analytics.geom.Box;

/**
 * Fits a frame into a model's input without distorting it: scaled by one factor (bilinear) until it touches two
 * sides, centred, the rest padded. Maps boxes in model-input pixels back to frame-relative coordinates.
 */
final class Letterbox {
    private final int frameWidth;
    private final int frameHeight;
    private final double scale;
    private final double padX;
    private final double padY;

    Letterbox(int frameWidth, int frameHeight, int inputWidth, int inputHeight) {
        this.frameWidth = frameWidth;
        this.frameHeight = frameHeight;
        this.scale = Math.min((double) inputWidth / frameWidth, (double) inputHeight / frameHeight);
        this.padX = (inputWidth - frameWidth * scale) / 2;
        this.padY = (inputHeight - frameHeight * scale) / 2;
    }

    /**
     * Writes the frame, normalised, into {@code dst} at {@code offset} (one batch item of the input tensor).
     */
    void fill(Frame frame, Normalization norm, ModelSignature sig, float[] dst, int offset) {
        int w = sig.inputWidth();
        int h = sig.inputHeight();
        int plane = w * h;
        boolean chw = sig.channelsFirst();
        byte[] src = frame.rgb();
        for (int y = 0; y < h; y++) {
            // A pixel belongs to the picture when its centre does; sampled at half-pixel centres, like every
            // framework's bilinear resize.
            boolean rowInside = y + 0.5 >= padY && y + 0.5 < padY + frameHeight * scale;
            double sy = (y + 0.5 - padY) / scale - 0.5;
            int y0 = clamp((int) Math.floor(sy), frameHeight);
            int y1 = clamp((int) Math.floor(sy) + 1, frameHeight);
            double fy = sy - Math.floor(sy);
            for (int x = 0; x < w; x++) {
                boolean inside = rowInside && x + 0.5 >= padX && x + 0.5 < padX + frameWidth * scale;
                double sx = (x + 0.5 - padX) / scale - 0.5;
                int x0 = clamp((int) Math.floor(sx), frameWidth);
                int x1 = clamp((int) Math.floor(sx) + 1, frameWidth);
                double fx = sx - Math.floor(sx);
                for (int ch = 0; ch < 3; ch++) {
                    int c = norm.bgr() ? 2 - ch : ch;
                    double value = norm.padValue();
                    if (inside) {
                        double top = px(src, x0, y0, c) * (1 - fx) + px(src, x1, y0, c) * fx;
                        double bottom = px(src, x0, y1, c) * (1 - fx) + px(src, x1, y1, c) * fx;
                        value = top * (1 - fy) + bottom * fy;
                    }
                    int i = chw ? ch * plane + y * w + x : (y * w + x) * 3 + ch;
                    dst[offset + i] = (float) ((value - norm.mean()[ch]) / norm.std()[ch]);
                }
            }
        }
    }

    private int px(byte[] src, int x, int y, int c) {
        return src[(y * frameWidth + x) * 3 + c] & 0xff;
    }

    private static int clamp(int v, int size) {
        return Math.max(0, Math.min(size - 1, v));
    }

    /** A box in model-input pixels (corners) as a frame-relative box, clipped to the frame; null if nothing is left. */
    Box toFrame(double x1, double y1, double x2, double y2) {
        double fx1 = clamp01((x1 - padX) / scale / frameWidth);
        double fy1 = clamp01((y1 - padY) / scale / frameHeight);
        double fx2 = clamp01((x2 - padX) / scale / frameWidth);
        double fy2 = clamp01((y2 - padY) / scale / frameHeight);
        if (fx2 <= fx1 || fy2 <= fy1) {
            return null;
        }
        return new Box(fx1, fy1, fx2 - fx1, fy2 - fy1);
    }

    private static double clamp01(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
