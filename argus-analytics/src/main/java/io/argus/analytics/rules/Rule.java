package io.argus.analytics.rules;

import io.argus.analytics.track.Track;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * One rule of a camera. Filters (class, confidence, size) decide which objects may start a hit; once started, a hit
 * follows its object until it leaves, so a passing dip in confidence does not split it.
 *
 * @param name unique per camera
 * @param kind what it watches
 * @param area the zone's name, or the line's for {@link Kind#LINE_CROSSING}
 * @param classes the labels it applies to ("person", "car"); empty for any
 * @param minConfidence the detection score an object needs
 * @param minArea the box area an object needs, as a share of the frame (0 for any)
 * @param dwell for {@link Kind#LOITERING}: how long an object stays in the zone before the rule fires
 * @param direction for {@link Kind#LINE_CROSSING}: which way counts
 * @param minCount for {@link Kind#COUNT}: how many objects at once in the zone make a hit
 * @param schedule when the rule is armed
 */
public record Rule(String name, Kind kind, String area, Set<String> classes, float minConfidence, double minArea,
        Duration dwell, Direction direction, int minCount, Schedule schedule) {

    public enum Kind {
        /** An object in the zone: one hit per object and visit, from entry to exit. */
        ZONE,
        /** An object in the zone for at least {@code dwell}: a hit from its entry, reported once the dwell is met. */
        LOITERING,
        /** An object crossing the line in {@code direction}: one instantaneous hit per object. */
        LINE_CROSSING,
        /** At least {@code minCount} objects in the zone at once: a hit while it holds, with the most seen. */
        COUNT
    }

    public Rule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(area, "area");
        classes = Set.copyOf(classes);
        dwell = dwell == null ? Duration.ZERO : dwell;
        direction = direction == null ? Direction.BOTH : direction;
        schedule = schedule == null ? Schedule.ALWAYS : schedule;
        if (!(minConfidence >= 0 && minConfidence <= 1) || !(minArea >= 0 && minArea <= 1)) {
            throw new IllegalArgumentException(name + ": minConfidence and minArea lie in 0..1");
        }
        if (dwell.isNegative() || (kind == Kind.LOITERING && dwell.isZero())) {
            throw new IllegalArgumentException(name + ": a loitering rule needs a positive dwell");
        }
        if (kind == Kind.COUNT && minCount < 1) {
            throw new IllegalArgumentException(name + ": a count rule needs minCount >= 1");
        }
    }

    /** A zone rule with the usual defaults: any time, any size. */
    public static Rule zone(String name, String zone, Set<String> classes, float minConfidence) {
        return new Rule(name, Kind.ZONE, zone, classes, minConfidence, 0, null, null, 0, null);
    }

    public static Rule loitering(String name, String zone, Set<String> classes, float minConfidence, Duration dwell) {
        return new Rule(name, Kind.LOITERING, zone, classes, minConfidence, 0, dwell, null, 0, null);
    }

    public static Rule lineCrossing(String name, String line, Set<String> classes, float minConfidence,
            Direction direction) {
        return new Rule(name, Kind.LINE_CROSSING, line, classes, minConfidence, 0, null, direction, 0, null);
    }

    public static Rule count(String name, String zone, Set<String> classes, float minConfidence, int minCount) {
        return new Rule(name, Kind.COUNT, zone, classes, minConfidence, 0, null, null, minCount, null);
    }

    /** Whether the object, as last seen, passes the class, confidence and size filters. */
    public boolean admits(Track t) {
        return (classes.isEmpty() || classes.contains(t.label())) && t.confidence() >= minConfidence
                && t.box().area() >= minArea;
    }
}
