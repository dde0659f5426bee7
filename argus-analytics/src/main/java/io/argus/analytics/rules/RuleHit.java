package io.argus.analytics.rules;

import io.argus.analytics.geom.Box;
import java.time.Instant;

/**
 * A rule firing: what the event store records as a "rule" event. A hit is reported when it starts ({@code end} null)
 * and again, with the same {@code id}, when it ends; an instantaneous one (a line crossing) is reported once, with
 * {@code end} equal to {@code start}. Upsert by id.
 *
 * @param id unique per camera and engine: {@code camera/rule/sequence}
 * @param area the zone's or line's name
 * @param trackId the object's track, -1 for a count
 * @param label the object's class (for a count: the rule's class if it has one, else "object")
 * @param confidence the object's best score so far (for a count: the best among those counted)
 * @param box where the object was at the report (for a count: the box around those counted)
 * @param direction the crossing's direction, null for other kinds
 * @param count for a count: the most objects at once in the zone during the hit; 1 otherwise
 */
public record RuleHit(String id, String cameraId, String rule, Rule.Kind kind, String area, long trackId,
        String label, float confidence, Box box, Instant start, Instant end, Direction direction, int count) {

    public boolean ended() {
        return end != null;
    }

    RuleHit endedAt(Instant at, Box lastBox, float bestConfidence, int maxCount) {
        return new RuleHit(id, cameraId, rule, kind, area, trackId, label, bestConfidence, lastBox, start, at,
                direction, maxCount);
    }
}
