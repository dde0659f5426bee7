package io.argus.analytics.rules;

import io.argus.analytics.track.Track;
import io.argus.analytics.track.TrackerUpdate;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link Rule.Kind#LINE_CROSSING}: an object crosses when its anchor (bottom centre) moves from one side of the line
 * segment to the other between two sightings, in a direction the rule admits. Each object fires at most once per
 * rule, so a person who dithers on the line, or whose box jitters across it, is one crossing; to count both ways
 * (in and out through a door), use one rule per direction.
 */
final class LineEvaluator implements RuleEvaluator {
    private final Rule rule;
    private final Line line;
    private final HitIds ids;
    private final Set<Long> fired = new HashSet<>();
    private long crossings;

    LineEvaluator(Rule rule, Line line, HitIds ids) {
        this.rule = rule;
        this.line = line;
        this.ids = ids;
    }

    @Override
    public void update(TrackerUpdate update, boolean armed, List<RuleHit> out) {
        for (Track t : update.seen()) {
            if (t.sightings() < 2 || !armed || !rule.admits(t)) {
                continue;
            }
            double x0 = t.previousBox().centerX();
            double y0 = t.previousBox().y() + t.previousBox().h();
            Direction d = line.crossing(x0, y0, t.anchorX(), t.anchorY());
            if (d == null || !rule.direction().admits(d) || !fired.add(t.id())) {
                continue;
            }
            crossings++;
            Instant now = update.time();
            out.add(new RuleHit(ids.next(rule), t.cameraId(), rule.name(), rule.kind(), line.name(), t.id(),
                    t.label(), t.confidence(), t.box(), now, now, d, 1));
        }
        update.ended().forEach(t -> fired.remove(t.id()));
    }

    @Override
    public void close(Instant at, List<RuleHit> out) {
        fired.clear();
    }

    @Override
    public long count() {
        return crossings;
    }
}
