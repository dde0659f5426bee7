package io.argus.analytics.rules;

import io.argus.analytics.geom.Box;
import io.argus.analytics.track.Track;
import io.argus.analytics.track.TrackerUpdate;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link Rule.Kind#COUNT}: the objects in the zone are the admitted live tracks whose anchor was inside when last
 * seen (a missed detection does not drop one from the count). A hit runs while there are at least {@code minCount};
 * the rule's count is the number of distinct objects that entered.
 */
final class CountEvaluator implements RuleEvaluator {
    private final Rule rule;
    private final Zone zone;
    private final HitIds ids;
    private final Map<Long, Track> inside = new HashMap<>();
    /** Live tracks that have been counted, so a track that steps out and back is counted once. */
    private final Set<Long> entered = new HashSet<>();
    private long entries;
    private RuleHit hit;
    private int maxCount;
    private float best;
    private Box lastBox;
    private Instant lastTime;

    CountEvaluator(Rule rule, Zone zone, HitIds ids) {
        this.rule = rule;
        this.zone = zone;
        this.ids = ids;
    }

    @Override
    public void update(TrackerUpdate update, boolean armed, List<RuleHit> out) {
        for (Track t : update.seen()) {
            if (zone.area().contains(t.anchorX(), t.anchorY()) && rule.admits(t)) {
                inside.put(t.id(), t);
                if (entered.add(t.id())) {
                    entries++;
                }
            } else {
                inside.remove(t.id());
            }
        }
        update.ended().forEach(t -> {
            inside.remove(t.id());
            entered.remove(t.id());
        });
        int n = inside.size();
        Instant now = update.time();
        if (hit == null && armed && n >= rule.minCount()) {
            maxCount = n;
            best = bestConfidence();
            lastBox = around();
            String label = rule.classes().size() == 1 ? rule.classes().iterator().next() : "object";
            hit = new RuleHit(ids.next(rule), update.cameraId(), rule.name(), rule.kind(), zone.name(), -1, label,
                    best, lastBox, now, null, null, n);
            out.add(hit);
        } else if (hit != null && (!armed || n < rule.minCount())) {
            out.add(hit.endedAt(lastTime, lastBox, best, maxCount));
            hit = null;
        } else if (hit != null) {
            maxCount = Math.max(maxCount, n);
            best = Math.max(best, bestConfidence());
            lastBox = around();
        }
        if (hit != null) {
            lastTime = now;
        }
    }

    private float bestConfidence() {
        float b = 0;
        for (Track t : inside.values()) {
            b = Math.max(b, t.maxConfidence());
        }
        return b;
    }

    private Box around() {
        double x1 = 1;
        double y1 = 1;
        double x2 = 0;
        double y2 = 0;
        for (Track t : inside.values()) {
            x1 = Math.min(x1, t.box().x());
            y1 = Math.min(y1, t.box().y());
            x2 = Math.max(x2, t.box().x() + t.box().w());
            y2 = Math.max(y2, t.box().y() + t.box().h());
        }
        return new Box(x1, y1, Math.max(0, x2 - x1), Math.max(0, y2 - y1));
    }

    @Override
    public void close(Instant at, List<RuleHit> out) {
        if (hit != null) {
            out.add(hit.endedAt(at, lastBox, best, maxCount));
            hit = null;
        }
        inside.clear();
    }

    @Override
    public long count() {
        return entries;
    }
}
