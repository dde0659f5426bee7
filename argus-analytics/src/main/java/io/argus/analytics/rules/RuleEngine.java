package io.argus.analytics.rules;

import io.argus.analytics.track.TrackerUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A camera's rules applied to its tracks, frame by frame. Not thread-safe: fed by the camera's thread with the
 * {@link io.argus.analytics.track.IouTracker}'s updates in capture order. To change a camera's rules, {@link #close}
 * this engine (ending its open hits) and start another.
 */
public final class RuleEngine {
    private final Map<String, RuleEvaluator> evaluators = new LinkedHashMap<>();
    private final Map<String, Rule> rules = new LinkedHashMap<>();

    public RuleEngine(String cameraId, CameraRules config) {
        HitIds ids = new HitIds(cameraId);
        Map<String, Zone> zones = config.zonesByName();
        Map<String, Line> lines = config.linesByName();
        for (Rule r : config.rules()) {
            rules.put(r.name(), r);
            evaluators.put(r.name(), switch (r.kind()) {
                case ZONE, LOITERING -> new ZoneEvaluator(r, zones.get(r.area()), ids);
                case LINE_CROSSING -> new LineEvaluator(r, lines.get(r.area()), ids);
                case COUNT -> new CountEvaluator(r, zones.get(r.area()), ids);
            });
        }
    }

    /** The hits this frame started, ended or completed, in rule order. */
    public List<RuleHit> update(TrackerUpdate update) {
        List<RuleHit> out = new ArrayList<>();
        evaluators.forEach((name, e) -> e.update(update, rules.get(name).schedule().armedAt(update.time()), out));
        return out;
    }

    /** Ends every open hit at {@code at} (the camera stopped, or its rules change). */
    public List<RuleHit> close(Instant at) {
        List<RuleHit> out = new ArrayList<>();
        evaluators.values().forEach(e -> e.close(at, out));
        return out;
    }

    /** Per rule: objects counted since start (zone entries, line crossings in the rule's direction). */
    public Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        evaluators.forEach((name, e) -> counts.put(name, e.count()));
        return counts;
    }
}
