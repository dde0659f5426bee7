package io.argus.sim.ptz;

import io.argus.onvif.client.PtzVector;

/**
 * The scene a simulated PTZ camera looks at: a synthetic panorama drawn by formula, so any view of it is exact and
 * a test can draw the view it expects. Scene coordinates run 0..1 across and down (16:9, like the pictures). Luma
 * rises left to right (40 to 220), blue-difference rises top to bottom and red-difference falls left to right, and
 * dark lines cross it every 1/32, so a view shows where it points (brightness, colour) and how far it zooms (line
 * spacing).
 *
 * <p>The view of PTZ position (pan, tilt, zoom) in ONVIF's generic spaces is a window of {@code size} =
 * {@value #WIDE} / (1 + 7 zoom) of the scene each way (half the scene unzoomed, 8x closer at zoom 1), centred at
 * {@code 0.5 + pan (0.5 - size/2)} across and {@code 0.5 - tilt (0.5 - size/2)} down (tilt up looks up), so pan and
 * tilt ±1 reach the scene's edges at any zoom.
 */
public final class Scene {
    /** The share of the scene seen unzoomed. */
    static final double WIDE = 0.5;
    /** Zoom 1 magnifies this many times. */
    static final double MAX_ZOOM = 8;
    private static final int GRID = 32;
    /** Line thickness as a share of a grid cell. */
    private static final double LINE = 0.06;

    private Scene() {
    }

    /** Share of the scene the view of {@code p} spans, each way. */
    public static double size(PtzVector p) {
        return WIDE / (1 + (MAX_ZOOM - 1) * p.zoom());
    }

    /** Scene x of the view's centre. */
    public static double centreX(PtzVector p) {
        return 0.5 + p.pan() * (0.5 - size(p) / 2);
    }

    /** Scene y of the view's centre. */
    public static double centreY(PtzVector p) {
        return 0.5 - p.tilt() * (0.5 - size(p) / 2);
    }

    /** The view of {@code p}, {@code width} x {@code height} shown, coded in whole macroblocks. */
    public static YuvPicture view(PtzVector p, int width, int height) {
        int cw = (width + 15) / 16 * 16;
        int ch = (height + 15) / 16 * 16;
        double size = size(p);
        double left = centreX(p) - size / 2;
        double top = centreY(p) - size / 2;
        double[] u = new double[cw];
        boolean[] lineU = new boolean[cw];
        for (int i = 0; i < cw; i++) {
            u[i] = left + (i + 0.5) / width * size;
            lineU[i] = line(u[i]);
        }
        byte[] y = new byte[cw * ch];
        for (int j = 0; j < ch; j++) {
            boolean lineV = line(top + (j + 0.5) / height * size);
            for (int i = 0; i < cw; i++) {
                y[j * cw + i] = (byte) (lineV || lineU[i] ? 20 : 40 + (int) Math.round(180 * unit(u[i])));
            }
        }
        byte[] cb = new byte[cw * ch / 4];
        byte[] cr = new byte[cw * ch / 4];
        for (int j = 0; j < ch / 2; j++) {
            double v = unit(top + (2 * j + 1.0) / height * size);
            for (int i = 0; i < cw / 2; i++) {
                double uc = unit(left + (2 * i + 1.0) / width * size);
                cb[j * cw / 2 + i] = (byte) (28 + (int) Math.round(200 * v));
                cr[j * cw / 2 + i] = (byte) (188 - (int) Math.round(120 * uc));
            }
        }
        return new YuvPicture(width, height, cw, ch, y, cb, cr);
    }

    private static boolean line(double s) {
        double cell = s * GRID;
        return cell - Math.floor(cell) < LINE;
    }

    private static double unit(double s) {
        return Math.max(0, Math.min(1, s));
    }
}
