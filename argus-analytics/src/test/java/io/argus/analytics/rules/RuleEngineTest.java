package io.argus.analytics.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.analytics.detect.Detection;
import io.argus.analytics.geom.Box;
import io.argus.analytics.geom.Point;
import io.argus.analytics.geom.Polygon;
import io.argus.analytics.track.IouTracker;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** Rules on synthetic tracks: objects walking, standing and dithering, two frames a second. */
class RuleEngineTest {
    /** A Monday noon. */
    private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");
    /** The middle of the frame, x 0.4..0.6 and y 0.4..0.8 (anchors are the feet). */
    private static final Zone MIDDLE = new Zone("middle", new Polygon(List.of(new Point(0.4, 0.4), new Point(0.6, 0.4),
            new Point(0.6, 0.8), new Point(0.4, 0.8))));
    /** A vertical line at x 0.5 from the top to the bottom: walking right is right to left, seen from its top. */
    private static final Line DOOR = new Line("door", new Point(0.5, 0.0), new Point(0.5, 1.0));

    private static Detection person(double footX, double footY) {
        return new Detection("person", 0.8f, new Box(footX - 0.025, footY - 0.15, 0.05, 0.15));
    }

    private static Instant at(int frame) {
        return T0.plusMillis(500L * frame);
    }

    /** Runs frames through tracker and rules; each frame's detections come from the function. */
    private static List<RuleHit> run(CameraRules rules, int frames, IntFunction<List<Detection>> scene) {
        ObjectAnalysis analysis = new ObjectAnalysis("cam", IouTracker.Config.DEFAULTS, rules);
        List<RuleHit> hits = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            hits.addAll(analysis.accept(at(i), scene.apply(i)).hits());
        }
        hits.addAll(analysis.close(at(frames)).hits());
        return hits;
    }

    /** Walks left to right along y, 0.01 a frame from x 0.2 (through x 0.5 at frame 30). */
    private static Detection walker(int frame, double y) {
        return person(0.2 + 0.01 * frame, y);
    }

    @Test
    void aZoneRuleFiresOncePerObjectPassingThrough() {
        CameraRules rules = new CameraRules(List.of(MIDDLE), List.of(),
                List.of(Rule.zone("intrusion", "middle", Set.of("person"), 0.5f)));
        // One walks through the zone, one passes above it, a car drives through (not a person).
        List<RuleHit> hits = run(rules, 60, i -> List.of(walker(i, 0.6), walker(i, 0.3),
                new Detection("car", 0.9f, new Box(0.9 - 0.01 * i, 0.55, 0.1, 0.1))));
        assertThat(hits).hasSize(2);
        RuleHit start = hits.get(0);
        RuleHit end = hits.get(1);
        assertThat(start.ended()).isFalse();
        assertThat(end.id()).isEqualTo(start.id());
        assertThat(start.label()).isEqualTo("person");
        // Inside from x 0.4 (frame 20; the polygon's edge may go either way) to x 0.6 (frame 40).
        assertThat(start.start()).isBetween(at(20), at(21));
        assertThat(end.end()).isBetween(at(39), at(40));
        assertThat(start.area()).isEqualTo("middle");
    }

    @Test
    void aLineCrossingFiresOncePerCrossingObjectInItsDirection() {
        CameraRules rules = new CameraRules(List.of(), List.of(DOOR), List.of(
                Rule.lineCrossing("in", "door", Set.of("person"), 0.5f, Direction.RIGHT_TO_LEFT),
                Rule.lineCrossing("any", "door", Set.of(), 0.5f, Direction.BOTH)));
        List<RuleHit> hits = run(rules, 60, i -> {
            // A walker going right who dithers on the line: x 0.49, 0.51, 0.49, 0.51 around frames 29..32.
            double x = i >= 29 && i <= 32 ? (i % 2 == 1 ? 0.49 : 0.51) : 0.2 + 0.01 * i;
            // One going left, lower down.
            return List.of(person(x, 0.5), person(0.8 - 0.01 * i, 0.9));
        });
        assertThat(hits).filteredOn(h -> h.rule().equals("in")).singleElement().satisfies(h -> {
            assertThat(h.direction()).isEqualTo(Direction.RIGHT_TO_LEFT);
            assertThat(h.start()).isEqualTo(h.end()).isEqualTo(at(30));
        });
        // Each walker once, in its own direction, however the first dithered.
        assertThat(hits).filteredOn(h -> h.rule().equals("any")).extracting(RuleHit::direction)
                .containsExactlyInAnyOrder(Direction.RIGHT_TO_LEFT, Direction.LEFT_TO_RIGHT);
        assertThat(hits).filteredOn(h -> h.rule().equals("any")).extracting(RuleHit::trackId)
                .doesNotHaveDuplicates();
    }

    @Test
    void loiteringFiresAfterItsDwellOnlyForWhoStays() {
        CameraRules rules = new CameraRules(List.of(MIDDLE), List.of(),
                List.of(Rule.loitering("loiter", "middle", Set.of("person"), 0.5f, Duration.ofSeconds(30))));
        // One stands in the zone from frame 10 to 89 (40 s), one walks through it in 10 s.
        List<RuleHit> hits = run(rules, 100, i -> {
            List<Detection> d = new ArrayList<>(List.of(walker(i, 0.7)));
            if (i >= 10 && i < 90) {
                d.add(person(0.5, 0.5));
            }
            return d;
        });
        assertThat(hits).hasSize(2);
        assertThat(hits.get(0).ended()).isFalse();
        assertThat(hits.get(0).start()).isEqualTo(at(10));
        assertThat(hits.get(1).end()).isEqualTo(at(89));
        assertThat(hits).extracting(RuleHit::trackId).containsOnly(hits.get(0).trackId());
    }

    @Test
    void confidenceAndSizeFilterWhoMayStartAHit() {
        Rule big = new Rule("big", Rule.Kind.ZONE, "middle", Set.of(), 0.5f, 0.02, null, null, 0, null);
        Rule sure = Rule.zone("sure", "middle", Set.of(), 0.9f);
        CameraRules rules = new CameraRules(List.of(MIDDLE), List.of(), List.of(big, sure));
        // A small box (0.05 x 0.15 = 0.0075 of the frame) at 0.8 confidence: neither.
        assertThat(run(rules, 10, i -> List.of(person(0.5, 0.5)))).isEmpty();
        // A big one at 0.95: both.
        List<RuleHit> hits = run(rules, 10,
                i -> List.of(new Detection("person", 0.95f, new Box(0.4, 0.3, 0.2, 0.4))));
        assertThat(hits).extracting(RuleHit::rule).containsExactly("big", "sure", "big", "sure");
    }

    @Test
    void aScheduleArmsTheRuleOnlyInItsHours() {
        Schedule nights = new Schedule(ZoneId.of("Europe/Paris"), List.of(
                new Schedule.Window(Set.of(DayOfWeek.MONDAY), LocalTime.of(22, 0), LocalTime.of(6, 0))));
        assertThat(nights.armedAt(T0)).isFalse();
        assertThat(nights.armedAt(Instant.parse("2026-12-07T21:30:00Z"))).isTrue();
        assertThat(nights.armedAt(Instant.parse("2026-12-08T04:30:00Z"))).isTrue();
        assertThat(nights.armedAt(Instant.parse("2026-12-08T21:30:00Z"))).isFalse();
        Rule rule = new Rule("night", Rule.Kind.ZONE, "middle", Set.of(), 0.5f, 0, null, null, 0, nights);
        assertThat(run(new CameraRules(List.of(MIDDLE), List.of(), List.of(rule)), 10,
                i -> List.of(person(0.5, 0.5)))).isEmpty();
    }

    @Test
    void aCountRuleHoldsWhileEnoughAreInTheZone() {
        CameraRules rules = new CameraRules(List.of(MIDDLE), List.of(),
                List.of(Rule.count("crowd", "middle", Set.of("person"), 0.5f, 2)));
        ObjectAnalysis analysis = new ObjectAnalysis("cam", IouTracker.Config.DEFAULTS, rules);
        List<RuleHit> hits = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            // A stands inside; B walks right from x 0.55 (frame 1) out past 0.6; C comes at frame 2 and walks down
            // out past y 0.8 (frame 5).
            List<Detection> d = new ArrayList<>(List.of(person(0.45, 0.5)));
            if (i >= 1) {
                d.add(person(0.55 + 0.01 * (i - 1), 0.5));
            }
            if (i >= 2) {
                d.add(person(0.5, 0.75 + 0.015 * (i - 2)));
            }
            hits.addAll(analysis.accept(at(i), d).hits());
        }
        assertThat(hits).hasSize(2);
        assertThat(hits.get(0).start()).isEqualTo(at(1));
        assertThat(hits.get(0).count()).isEqualTo(2);
        // Down to one once B is out (x 0.60 at frame 6 lies on the edge, 0.61 at frame 7 outside).
        assertThat(hits.get(1).end()).isBetween(at(5), at(6));
        assertThat(hits.get(1).count()).isEqualTo(3);
        assertThat(analysis.counts()).containsEntry("crowd", 3L);
    }

    @Test
    void aRuleOnAMissingZoneIsRefused() {
        assertThatThrownBy(() -> new CameraRules(List.of(MIDDLE), List.of(),
                List.of(Rule.lineCrossing("x", "middle", Set.of(), 0.5f, Direction.BOTH))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no line named middle");
    }
}
