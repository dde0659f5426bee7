package io.argus.analytics.motion;

import io.argus.analytics.geom.Polygon;
import java.util.List;
import java.util.Map;

/**
 * How a camera's motion is found.
 *
 * @param sensitivity   0..1: higher finds fainter changes (the per-pixel threshold falls from 48 to 8 grey levels)
 * @param minArea       the smallest moving region that counts, as a share of the frame (0..1): smaller blobs are
 *                      noise, rain, leaves
 * @param zones         named polygons motion is looked for in; empty means the whole frame
 * @param masks         polygons never looked at (a clock, a road outside the fence, a tree)
 */
public record MotionConfig(double sensitivity, double minArea, Map<String, Polygon> zones, List<Polygon> masks) {
    /** Finds a person at 10 m in a 90° view (about 0.1 % of the frame) and not sensor noise on a grey wall. */
    public static final MotionConfig DEFAULT = new MotionConfig(0.6, 0.001, Map.of(), List.of());

    public MotionConfig {
        if (!(sensitivity >= 0 && sensitivity <= 1)) {
            throw new IllegalArgumentException("sensitivity lies in 0..1, got " + sensitivity);
        }
        if (!(minArea >= 0 && minArea <= 1)) {
            throw new IllegalArgumentException("minArea lies in 0..1, got " + minArea);
        }
        zones = Map.copyOf(zones);
        masks = List.copyOf(masks);
    }

    /** The per-pixel difference (grey levels) above which a pixel changed. */
    int threshold() {
        return (int) Math.round(8 + (1 - sensitivity) * 40);
    }
}
