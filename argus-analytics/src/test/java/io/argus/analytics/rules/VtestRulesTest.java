package io.argus.analytics.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.argus.analytics.detect.Detection;
import io.argus.analytics.detect.Frame;
import io.argus.analytics.detect.TensorDetector;
import io.argus.analytics.geom.Point;
import io.argus.analytics.geom.Polygon;
import io.argus.analytics.track.IouTracker;
import io.argus.analytics.track.Track;
import io.argus.testkit.tier.E2e;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Detection, tracking and rules on real video: the first minute of vtest.avi (Debian opencv-doc) sampled at 2 fps by
 * ffmpeg, NanoDet, IoU tracking, rules. Skipped where vtest.avi is missing (.ci/run installs opencv-doc and ffmpeg).
 */
@E2e
class VtestRulesTest {
    private static final Path VTEST = Path.of("/usr/share/doc/opencv-doc/examples/data/vtest.avi");
    private static final int W = 416;
    private static final int H = 312;
    private static final int FPS = 2;
    /** The paved area people walk across (anchors are their feet). */
    private static final Zone WALKWAY = new Zone("walkway", new Polygon(List.of(new Point(0.0, 0.3),
            new Point(1.0, 0.3), new Point(1.0, 0.85), new Point(0.0, 0.85))));
    /** Down the middle of the walkway, top to bottom: people walking right cross it right to left. */
    private static final Line MIDDLE = new Line("middle", new Point(0.5, 0.3), new Point(0.5, 0.9));

    private static List<Frame> frames(int seconds) throws IOException, InterruptedException {
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-v", "error", "-t", String.valueOf(seconds), "-i",
                VTEST.toString(), "-vf", "fps=" + FPS + ",scale=" + W + ":" + H, "-f", "rawvideo", "-pix_fmt",
                "rgb24", "-").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<Frame> frames = new ArrayList<>();
        try (InputStream in = ffmpeg.getInputStream()) {
            for (byte[] rgb = in.readNBytes(W * H * 3); rgb.length == W * H * 3; rgb = in.readNBytes(W * H * 3)) {
                frames.add(new Frame("vtest", Instant.EPOCH.plusMillis(frames.size() * 1000L / FPS), W, H, rgb));
            }
        }
        assertThat(ffmpeg.waitFor()).isZero();
        return frames;
    }

    @Test
    void walkersAreTrackedAndFireTheirRulesOnce() throws Exception {
        assumeTrue(Files.isReadable(VTEST), "vtest.avi (Debian opencv-doc) is not installed");
        List<Frame> frames = frames(60);
        assertThat(frames).hasSize(60 * FPS);
        Duration dwell = Duration.ofSeconds(20);
        CameraRules rules = new CameraRules(List.of(WALKWAY), List.of(MIDDLE), List.of(
                Rule.lineCrossing("rightwards", "middle", Set.of("person"), 0.5f, Direction.RIGHT_TO_LEFT),
                Rule.lineCrossing("leftwards", "middle", Set.of("person"), 0.5f, Direction.LEFT_TO_RIGHT),
                Rule.loitering("loiter", "walkway", Set.of("person"), 0.5f, dwell)));
        ObjectAnalysis analysis = new ObjectAnalysis("vtest", IouTracker.Config.DEFAULTS, rules);
        List<RuleHit> hits = new ArrayList<>();
        Map<Long, Track> tracks = new HashMap<>();
        int detections = 0;
        try (TensorDetector detector = TensorDetector.nanoDet(2, TensorDetector.Options.DEFAULTS)) {
            for (Frame f : frames) {
                List<Detection> people = detector.detect(List.of(f)).get(0).stream()
                        .filter(d -> d.label().equals("person") && d.confidence() >= 0.5f).toList();
                detections += people.size();
                ObjectAnalysis.Result r = analysis.accept(f.captureTime(), people);
                r.tracks().seen().forEach(t -> tracks.put(t.id(), t));
                hits.addAll(r.hits());
            }
        }
        hits.addAll(analysis.close(frames.get(frames.size() - 1).captureTime()).hits());

        // Tracking: 4-7 people a frame over 120 frames are a few dozen objects, most followed for many frames.
        long sightingsInLongTracks = tracks.values().stream().filter(t -> t.sightings() >= 10)
                .mapToLong(Track::sightings).sum();
        System.out.printf("vtest.avi 60 s at %d fps: %d person detections, %d tracks (%d seen 10+ times, holding "
                + "%d sightings); hits %s%n", FPS, detections, tracks.size(),
                tracks.values().stream().filter(t -> t.sightings() >= 10).count(), sightingsInLongTracks,
                analysis.counts());
        assertThat(tracks.size()).isLessThan(detections / 8);
        assertThat(sightingsInLongTracks).isGreaterThan((long) (detections * 0.7));

        // Crossings: people walk both ways across the middle; each object at most once per rule.
        for (String rule : List.of("rightwards", "leftwards")) {
            List<RuleHit> crossings = hits.stream().filter(h -> h.rule().equals(rule)).toList();
            assertThat(crossings).as(rule).isNotEmpty().extracting(RuleHit::trackId).doesNotHaveDuplicates();
            assertThat(crossings).allSatisfy(h -> assertThat(h.end()).isEqualTo(h.start()));
        }
        // Loitering: reported only for objects tracked at least the dwell, once each, starting and ending.
        List<RuleHit> loitering = hits.stream().filter(h -> h.rule().equals("loiter")).toList();
        assertThat(loitering).isNotEmpty();
        Map<String, List<RuleHit>> byId = new HashMap<>();
        loitering.forEach(h -> byId.computeIfAbsent(h.id(), k -> new ArrayList<>()).add(h));
        assertThat(byId.values()).allSatisfy(reports -> {
            assertThat(reports).hasSize(2);
            assertThat(reports.get(1).end()).isNotNull();
            assertThat(Duration.between(reports.get(0).start(), reports.get(1).end())).isGreaterThanOrEqualTo(dwell);
        });
        assertThat(loitering).extracting(RuleHit::trackId).allSatisfy(id -> assertThat(
                Duration.between(tracks.get(id).start(), tracks.get(id).lastSeen())).isGreaterThanOrEqualTo(dwell));
    }
}
