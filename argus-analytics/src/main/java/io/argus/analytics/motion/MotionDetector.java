package io.argus.analytics.motion;

import io.argus.analytics.geom.Box;
import io.argus.analytics.geom.Polygon;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Background-subtraction motion detection for one camera. Each picture is halved (2x2 averages: sensor noise and
 * compression ringing fade) and compared with a running-average background; the mean difference over the watched
 * area is taken off first, so a scene that brightens or darkens as a whole does not move. Changed pixels with too
 * few changed neighbours are dropped, the rest join into 4-connected regions, and regions of at least
 * {@link MotionConfig#minArea} count.
 *
 * <p>The background learns from pictures as they come (not from time): unchanged pixels at {@link #LEARNING_RATE},
 * changed ones ten times slower, so a car that parks becomes background in a few dozen samples and a walker never
 * does. Single-threaded: the camera's analytics thread.
 */
public final class MotionDetector {
    /** The background's learning rate per sampled picture: about 20 samples to follow a slow change of light. */
    static final float LEARNING_RATE = 0.05f;

    /**
     * More of the watched area than this changed at once is a global change (lights on, the IR filter switched, the
     * camera moved), not motion: nobody walks in front of 60 % of a view in one sample.
     */
    static final double GLOBAL_CHANGE_SHARE = 0.6;

    /** A changed pixel needs this many changed neighbours (of 8) to count: isolated noise does not. */
    static final int MIN_NEIGHBOURS = 2;

    private final MotionConfig config;
    private int width;
    private int height;
    private float[] background;
    private short[] work;
    private boolean[] watched;
    private int watchedCount;
    private boolean[][] zoneMasks;
    private String[] zoneNames;
    private boolean[] changed;
    private int[] labels;
    private int[] stack;

    public MotionDetector(MotionConfig config) {
        this.config = config;
    }

    /** Resets the background: the next picture is learned, not compared. */
    public void reset() {
        background = null;
    }

    /** Compares a luma picture ({@code width * height} bytes, row after row) with the background. <b>Borrows</b> it. */
    public MotionResult detect(byte[] gray, int srcWidth, int srcHeight) {
        int w = srcWidth / 2;
        int h = srcHeight / 2;
        if (w != width || h != height) {
            size(w, h);
        }
        halve(gray, srcWidth);
        if (background == null) {
            background = new float[w * h];
            for (int i = 0; i < work.length; i++) {
                background[i] = work[i];
            }
            return MotionResult.NONE;
        }
        if (watchedCount == 0) {
            return MotionResult.NONE;
        }
        double offset = 0;
        for (int i = 0; i < work.length; i++) {
            if (watched[i]) {
                offset += work[i] - background[i];
            }
        }
        offset /= watchedCount;
        int threshold = config.threshold();
        int count = 0;
        for (int i = 0; i < work.length; i++) {
            changed[i] = watched[i] && Math.abs(work[i] - background[i] - offset) > threshold;
            count += changed[i] ? 1 : 0;
        }
        if (count > GLOBAL_CHANGE_SHARE * watchedCount) {
            reset();
            return MotionResult.GLOBAL;
        }
        MotionResult result = regions();
        learn();
        return result;
    }

    private void size(int w, int h) {
        width = w;
        height = h;
        background = null;
        work = new short[w * h];
        changed = new boolean[w * h];
        labels = new int[w * h];
        stack = new int[w * h];
        watched = new boolean[w * h];
        Map<String, Polygon> zones = config.zones();
        zoneNames = zones.keySet().stream().sorted().toArray(String[]::new);
        zoneMasks = new boolean[zoneNames.length][w * h];
        watchedCount = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double fx = (x + 0.5) / w;
                double fy = (y + 0.5) / h;
                int i = y * w + x;
                boolean inZone = zoneNames.length == 0;
                for (int z = 0; z < zoneNames.length; z++) {
                    zoneMasks[z][i] = zones.get(zoneNames[z]).contains(fx, fy);
                    inZone |= zoneMasks[z][i];
                }
                boolean masked = false;
                for (Polygon m : config.masks()) {
                    masked |= m.contains(fx, fy);
                }
                watched[i] = inZone && !masked;
                watchedCount += watched[i] ? 1 : 0;
            }
        }
    }

    private void halve(byte[] gray, int stride) {
        for (int y = 0; y < height; y++) {
            int row = 2 * y * stride;
            for (int x = 0; x < width; x++) {
                int a = row + 2 * x;
                work[y * width + x] = (short) (((gray[a] & 0xff) + (gray[a + 1] & 0xff) + (gray[a + stride] & 0xff)
                        + (gray[a + stride + 1] & 0xff)) >> 2);
            }
        }
    }

    /** Joins changed pixels (with enough changed neighbours) into 4-connected regions and keeps the large ones. */
    private MotionResult regions() {
        int minPixels = Math.max(1, (int) Math.ceil(config.minArea() * width * height));
        Arrays.fill(labels, 0);
        int kept = 0;
        int minX = width;
        int minY = height;
        int maxX = -1;
        int maxY = -1;
        boolean[] zoneHit = new boolean[zoneNames.length];
        int next = 0;
        for (int start = 0; start < changed.length; start++) {
            if (!changed[start] || labels[start] != 0 || neighbours(start) < MIN_NEIGHBOURS) {
                continue;
            }
            int label = ++next;
            int top = 0;
            int size = 0;
            int bx0 = width;
            int by0 = height;
            int bx1 = -1;
            int by1 = -1;
            stack[top++] = start;
            labels[start] = label;
            while (top > 0) {
                int i = stack[--top];
                size++;
                int x = i % width;
                int y = i / width;
                bx0 = Math.min(bx0, x);
                by0 = Math.min(by0, y);
                bx1 = Math.max(bx1, x);
                by1 = Math.max(by1, y);
                top = push(i, x > 0 ? i - 1 : -1, label, top);
                top = push(i, x < width - 1 ? i + 1 : -1, label, top);
                top = push(i, y > 0 ? i - width : -1, label, top);
                top = push(i, y < height - 1 ? i + width : -1, label, top);
            }
            if (size < minPixels) {
                continue;
            }
            kept += size;
            minX = Math.min(minX, bx0);
            minY = Math.min(minY, by0);
            maxX = Math.max(maxX, bx1);
            maxY = Math.max(maxY, by1);
            markZones(label, bx0, by0, bx1, by1, zoneHit);
        }
        if (kept == 0) {
            return MotionResult.NONE;
        }
        List<String> zones = new ArrayList<>();
        for (int z = 0; z < zoneNames.length; z++) {
            if (zoneHit[z]) {
                zones.add(zoneNames[z]);
            }
        }
        Box box = new Box((double) minX / width, (double) minY / height, (double) (maxX - minX + 1) / width,
                (double) (maxY - minY + 1) / height);
        return new MotionResult(true, (double) kept / (width * height), box, zones, false);
    }

    private int push(int from, int i, int label, int top) {
        if (i >= 0 && changed[i] && labels[i] == 0 && neighbours(i) >= MIN_NEIGHBOURS) {
            labels[i] = label;
            stack[top++] = i;
        }
        return top;
    }

    private int neighbours(int i) {
        int x = i % width;
        int y = i / width;
        int n = 0;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int nx = x + dx;
                int ny = y + dy;
                if ((dx != 0 || dy != 0) && nx >= 0 && ny >= 0 && nx < width && ny < height
                        && changed[ny * width + nx]) {
                    n++;
                }
            }
        }
        return n;
    }

    private void markZones(int label, int x0, int y0, int x1, int y1, boolean[] zoneHit) {
        for (int z = 0; z < zoneNames.length; z++) {
            for (int y = y0; y <= y1 && !zoneHit[z]; y++) {
                for (int x = x0; x <= x1; x++) {
                    int i = y * width + x;
                    if (labels[i] == label && zoneMasks[z][i]) {
                        zoneHit[z] = true;
                        break;
                    }
                }
            }
        }
    }

    private void learn() {
        for (int i = 0; i < work.length; i++) {
            float rate = changed[i] ? LEARNING_RATE / 10 : LEARNING_RATE;
            background[i] += rate * (work[i] - background[i]);
        }
    }
}
