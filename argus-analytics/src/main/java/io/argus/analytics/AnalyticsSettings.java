package io.argus.analytics;

import io.argus.analytics.geom.Polygon;
import io.argus.analytics.motion.MotionConfig;
import io.argus.analytics.rules.CameraRules;
import io.argus.analytics.rules.CameraRulesJson;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A camera's analytics, as its operator set them.
 *
 * @param motion        whether motion is detected (and motion events made)
 * @param objects       object classes to detect (COCO names); empty for none
 * @param minConfidence detections below this are ignored
 * @param zones         zones and masks
 * @param rules         the rules, as JSON text the rules engine reads ({@code io.argus.analytics.rules}); stored
 *                      whole so that rules written before the engine knows them are kept
 * @param sensitivity   motion sensitivity 0..1 ({@link MotionConfig#sensitivity})
 * @param minArea       smallest moving region, share of the frame ({@link MotionConfig#minArea})
 */
public record AnalyticsSettings(boolean motion, List<String> objects, double minConfidence, List<Zone> zones,
                                String rules, double sensitivity, double minArea) {
    /** A camera nobody configured: motion on, no objects, no zones. */
    public static final AnalyticsSettings DEFAULT = new AnalyticsSettings(true, List.of(), 0.5, List.of(), "[]",
            MotionConfig.DEFAULT.sensitivity(), MotionConfig.DEFAULT.minArea());

    public AnalyticsSettings {
        objects = List.copyOf(objects);
        zones = List.copyOf(zones);
        if (!(minConfidence >= 0 && minConfidence <= 1)) {
            throw new IllegalArgumentException("minConfidence lies in 0..1, got " + minConfidence);
        }
        Set<String> names = new HashSet<>();
        for (Zone z : zones) {
            if (!names.add(z.name())) {
                throw new IllegalArgumentException("two zones are named " + z.name());
            }
        }
        new MotionConfig(sensitivity, minArea, Map.of(), List.of());
    }

    /** The motion detector's configuration: zones to look in, masks to leave out. */
    public MotionConfig motionConfig() {
        Map<String, Polygon> in = new LinkedHashMap<>();
        List<Polygon> masks = new ArrayList<>();
        for (Zone z : zones) {
            if (z.mask()) {
                masks.add(z.polygon());
            } else {
                in.put(z.name(), z.polygon());
            }
        }
        return new MotionConfig(sensitivity, minArea, in, masks);
    }

    /**
     * The rules engine's reading of these settings: the zones (masks left out) and the {@code rules} list, where a
     * {@code line_crossing} rule draws its line with {@code from} and {@code to}. The API checks new settings with it
     * and the analyzer runs what it returns, so both read rules the same way.
     *
     * @throws IllegalArgumentException when the engine cannot read the rules, in words for the person who wrote them
     */
    public CameraRules cameraRules() {
        List<io.argus.analytics.rules.Zone> watched = zones.stream().filter(z -> !z.mask())
                .map(z -> new io.argus.analytics.rules.Zone(z.name(), z.polygon())).toList();
        return CameraRulesJson.parse(rules, watched);
    }

    /** Whether anything is analysed at all. */
    public boolean enabled() {
        return motion || !objects.isEmpty();
    }
}
