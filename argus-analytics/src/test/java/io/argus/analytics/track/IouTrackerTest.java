package io.argus.analytics.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.argus.analytics.detect.Detection;
import io.argus.analytics.geom.Box;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IouTrackerTest {
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    private static Detection person(double x, double y) {
        return new Detection("person", 0.8f, new Box(x, y, 0.05, 0.15));
    }

    private static Instant at(int halfSeconds) {
        return T0.plusMillis(500L * halfSeconds);
    }

    @Test
    void oneObjectSeenInManyFramesIsOneTrackWithAStartAndAnEnd() {
        IouTracker tracker = new IouTracker("cam", IouTracker.Config.DEFAULTS);
        List<Track> ended = new ArrayList<>();
        // Walks right 0.01 of the frame every half second (a box 0.05 wide: IoU 0.67 frame to frame) for 10 s.
        for (int i = 0; i < 20; i++) {
            TrackerUpdate u = tracker.update(at(i), List.of(person(0.1 + 0.01 * i, 0.5)));
            assertThat(u.seen()).singleElement().satisfies(t -> assertThat(t.id()).isEqualTo(1));
            ended.addAll(u.ended());
        }
        assertThat(ended).isEmpty();
        // Gone: it ends once unseen for more than the 3 s gap, at its last sighting.
        for (int i = 20; i < 28; i++) {
            ended.addAll(tracker.update(at(i), List.of()).ended());
        }
        assertThat(ended).singleElement().satisfies(t -> {
            assertThat(t.start()).isEqualTo(at(0));
            assertThat(t.lastSeen()).isEqualTo(at(19));
            assertThat(t.sightings()).isEqualTo(20);
            assertThat(t.previousBox().x()).isCloseTo(0.28, within(1e-9));
        });
        assertThat(tracker.liveTracks()).isZero();
    }

    @Test
    void missedDetectionsWithinTheGapDoNotSplitATrack() {
        IouTracker tracker = new IouTracker("cam", IouTracker.Config.DEFAULTS);
        tracker.update(at(0), List.of(person(0.1, 0.5)));
        tracker.update(at(1), List.of());
        tracker.update(at(2), List.of());
        TrackerUpdate u = tracker.update(at(3), List.of(person(0.105, 0.5)));
        assertThat(u.seen()).singleElement().satisfies(t -> {
            assertThat(t.id()).isEqualTo(1);
            assertThat(t.sightings()).isEqualTo(2);
        });
    }

    @Test
    void objectsApartOrOfAnotherClassAreSeparateTracks() {
        IouTracker tracker = new IouTracker("cam", IouTracker.Config.DEFAULTS);
        Detection car = new Detection("car", 0.9f, new Box(0.1, 0.5, 0.05, 0.15));
        TrackerUpdate first = tracker.update(at(0), List.of(person(0.1, 0.5), person(0.6, 0.5), car));
        assertThat(first.seen()).extracting(Track::id).containsExactly(1L, 2L, 3L);
        TrackerUpdate second = tracker.update(at(1), List.of(car, person(0.61, 0.5), person(0.11, 0.5)));
        assertThat(second.seen()).extracting(Track::id).containsExactlyInAnyOrder(1L, 2L, 3L);
        assertThat(second.seen()).filteredOn(t -> t.id() == 3).singleElement()
                .satisfies(t -> assertThat(t.label()).isEqualTo("car"));
    }

    @Test
    void aSmallFastObjectWhoseBoxesNeverOverlapIsStillOneTrack() {
        IouTracker tracker = new IouTracker("cam", IouTracker.Config.DEFAULTS);
        // Far away: a box 0.02 x 0.06 moving 0.025 a frame (more than its width), beside a standing one.
        for (int i = 0; i < 10; i++) {
            TrackerUpdate u = tracker.update(at(i), List.of(new Detection("person", 0.7f,
                    new Box(0.3 + 0.025 * i, 0.2, 0.02, 0.06)), new Detection("person", 0.7f,
                    new Box(0.6, 0.5, 0.05, 0.15))));
            assertThat(u.seen()).extracting(Track::id).containsExactlyInAnyOrder(1L, 2L);
        }
    }

    @Test
    void aWalkerMovingAboutABodyWidthPerFrameIsFollowedByItsVelocity() {
        IouTracker tracker = new IouTracker("cam", IouTracker.Config.DEFAULTS);
        // 0.04 a frame for a 0.05-wide box: IoU 0.11 with the last box, ~1 with the predicted one.
        for (int i = 0; i < 10; i++) {
            assertThat(tracker.update(at(i), List.of(person(0.1 + 0.04 * i, 0.5))).seen()).singleElement()
                    .satisfies(t -> assertThat(t.id()).isEqualTo(1));
        }
    }

    @Test
    void endAllEndsEveryLiveTrack() {
        IouTracker tracker = new IouTracker("cam", new IouTracker.Config(0.3, 0.5, Duration.ofSeconds(10)));
        tracker.update(at(0), List.of(person(0.1, 0.5), person(0.6, 0.5)));
        assertThat(tracker.endAll(at(1)).ended()).hasSize(2);
        assertThat(tracker.liveTracks()).isZero();
    }
}
