package io.argus.analytics.rules;

import io.argus.analytics.detect.Detection;
import io.argus.analytics.track.IouTracker;
import io.argus.analytics.track.TrackerUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One camera's object analytics after detection: its tracker and its rules, fed with each analysed frame's
 * detections in capture order. Not thread-safe (the camera's thread).
 */
public final class ObjectAnalysis {
    /** What one frame produced: the tracks it touched and the rule hits it started, ended or completed. */
    public record Result(TrackerUpdate tracks, List<RuleHit> hits) {
    }

    private final IouTracker tracker;
    private final RuleEngine rules;

    public ObjectAnalysis(String cameraId, IouTracker.Config tracking, CameraRules rules) {
        this.tracker = new IouTracker(cameraId, tracking);
        this.rules = new RuleEngine(cameraId, rules);
    }

    public Result accept(Instant captureTime, List<Detection> detections) {
        TrackerUpdate update = tracker.update(captureTime, detections);
        return new Result(update, rules.update(update));
    }

    /** Ends every track and open hit (the camera stopped, or its configuration changes). */
    public Result close(Instant at) {
        TrackerUpdate update = tracker.endAll(at);
        List<RuleHit> hits = new ArrayList<>(rules.update(update));
        hits.addAll(rules.close(at));
        return new Result(update, hits);
    }

    /** Per rule: objects counted since start. */
    public Map<String, Long> counts() {
        return rules.counts();
    }
}
