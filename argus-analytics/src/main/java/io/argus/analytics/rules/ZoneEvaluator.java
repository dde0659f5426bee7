package io.argus.analytics.rules;

import io.argus.analytics.track.Track;
import io.argus.analytics.track.TrackerUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@link Rule.Kind#ZONE} and {@link Rule.Kind#LOITERING}: an object is in the zone while its anchor (the bottom
 * centre of its box) is. A visit starts at the first sighting inside and ends at the last sighting inside, when the
 * object is seen outside or its track ends. The hit starts when an admitted object's visit has lasted the dwell (0
 * for a zone rule); a loitering hit starts at the visit's start, so it covers the whole stay.
 */
final class ZoneEvaluator implements RuleEvaluator {
    private static final class Visit {
        final Instant entered;
        Instant lastInside;
        Track last;
        float best;
        RuleHit hit;

        Visit(Track t, Instant at) {
            entered = at;
            lastInside = at;
            last = t;
        }
    }

    private final Rule rule;
    private final Zone zone;
    private final HitIds ids;
    private final Map<Long, Visit> visits = new HashMap<>();
    private long entries;

    ZoneEvaluator(Rule rule, Zone zone, HitIds ids) {
        this.rule = rule;
        this.zone = zone;
        this.ids = ids;
    }

    @Override
    public void update(TrackerUpdate update, boolean armed, List<RuleHit> out) {
        Instant now = update.time();
        for (Track t : update.seen()) {
            boolean inside = zone.area().contains(t.anchorX(), t.anchorY());
            Visit v = visits.get(t.id());
            if (!inside) {
                if (v != null) {
                    end(v, out);
                    visits.remove(t.id());
                }
                continue;
            }
            if (v == null) {
                v = new Visit(t, now);
                visits.put(t.id(), v);
            }
            v.lastInside = now;
            v.last = t;
            if (v.hit == null && armed && rule.admits(t)
                    && Duration.between(v.entered, now).compareTo(rule.dwell()) >= 0) {
                entries++;
                v.best = t.confidence();
                Instant start = rule.kind() == Rule.Kind.LOITERING ? v.entered : now;
                v.hit = new RuleHit(ids.next(rule), t.cameraId(), rule.name(), rule.kind(), zone.name(), t.id(),
                        t.label(), t.confidence(), t.box(), start, null, null, 1);
                out.add(v.hit);
            } else if (v.hit != null) {
                v.best = Math.max(v.best, t.confidence());
            }
        }
        for (Track t : update.ended()) {
            Visit v = visits.remove(t.id());
            if (v != null) {
                end(v, out);
            }
        }
        if (!armed) {
            for (Iterator<Visit> it = visits.values().iterator(); it.hasNext();) {
                Visit v = it.next();
                if (v.hit != null) {
                    end(v, out);
                    it.remove();
                }
            }
        }
    }

    private void end(Visit v, List<RuleHit> out) {
        if (v.hit != null) {
            out.add(v.hit.endedAt(v.lastInside, v.last.box(), v.best, 1));
            v.hit = null;
        }
    }

    @Override
    public void close(Instant at, List<RuleHit> out) {
        visits.values().forEach(v -> end(v, out));
        visits.clear();
    }

    @Override
    public long count() {
        return entries;
    }
}
