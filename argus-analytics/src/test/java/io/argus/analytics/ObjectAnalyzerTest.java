package io.argus.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.argus.analytics.detect.DetectionBatcher;
import io.argus.analytics.detect.TensorDetector;
import io.argus.analytics.sampling.SamplingConfig;
import io.argus.media.codec.AccessUnit;
import io.argus.storage.event.Event;
import io.argus.storage.event.EventType;
import io.argus.testkit.tier.E2e;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Object detection in the pipeline: vtest.avi's walkers through sampling, motion, NanoDet, tracking and a line. */
@E2e
class ObjectAnalyzerTest {
    private static final Instant START = Instant.parse("2026-12-07T10:00:00Z");
    /** A vertical line across the hall's middle: people walk both ways across it. */
    private static final String RULES = """
            [{"name": "crossing", "type": "line_crossing", "area": "middle", "classes": ["person"],
              "from": [0.5, 0.3], "to": [0.5, 0.9]}]""";

    @TempDir
    Path dir;

    record Got(Event event, byte[] thumbnail) {
    }

    @Test
    void walkersAreOneObjectEventEachAndCrossTheLine() throws Exception {
        assumeTrue(Files.isReadable(Clips.VTEST), "vtest.avi (Debian opencv-doc) is not installed");
        int seconds = 30;
        List<AccessUnit> units = Clips.vtest(dir, seconds, 10);
        AnalyticsSettings settings = new AnalyticsSettings(true, List.of("person"), 0.5, List.of(), RULES,
                AnalyticsSettings.DEFAULT.sensitivity(), AnalyticsSettings.DEFAULT.minArea());
        List<Got> got = new ArrayList<>();
        EventSink sink = (e, jpeg) -> got.add(new Got(e, jpeg));
        UUID tenant = UUID.randomUUID();
        UUID camera = UUID.randomUUID();
        DetectionCounts counts;
        long nanos;
        try (ObjectAnalyzer analyzer = new ObjectAnalyzer(TensorDetector.nanoDet(2, TensorDetector.Options.DEFAULTS),
                new DetectionBatcher.Config(4, Duration.ofMillis(5), 16), Duration.ofSeconds(10))) {
            nanos = System.nanoTime();
            try (FramePipeline p = new FramePipeline(tenant, camera, Clips.format(units.get(0)), settings,
                    SamplingConfig.DEFAULT, analyzer, sink, new CameraCounters(), false, 320)) {
                for (AccessUnit au : units) {
                    p.accept(au, START.plusNanos((au.pts() - units.get(0).pts()) * 1_000_000_000L / 90_000));
                }
            } finally {
                units.forEach(AccessUnit::release);
            }
            nanos = System.nanoTime() - nanos;
            analyzer.cameraStopped(camera);
            counts = analyzer.counts(camera);
        }
        Map<UUID, List<Got>> objects = new LinkedHashMap<>();
        got.stream().filter(g -> g.event().type() == EventType.OBJECT)
                .forEach(g -> objects.computeIfAbsent(g.event().id(), k -> new ArrayList<>()).add(g));
        List<Got> crossings = got.stream().filter(g -> g.event().type() == EventType.RULE).toList();
        System.out.printf("vtest %d s with NanoDet: %d pictures sent, %d with people, %d skipped, %.0f ms a picture"
                        + " (decode, motion and detection); %d person tracks, %d line crossings%n", seconds,
                counts.sent(), counts.detected(), counts.skipped(), nanos / 1e6 / Math.max(1, counts.sent()),
                objects.size(), crossings.size());

        assertThat(counts.sent()).isGreaterThan(seconds * 2L);
        assertThat(counts.skipped()).isZero();
        assertThat(counts.detected()).isGreaterThan(counts.sent() * 8 / 10);
        // One event per tracked person: a start with a thumbnail, then its end; far fewer than the detections.
        assertThat(objects).isNotEmpty();
        assertThat(objects.size()).isLessThan((int) counts.detected());
        assertThat(objects.values()).allSatisfy(reports -> {
            assertThat(reports).hasSize(2);
            Event start = reports.get(0).event();
            assertThat(start.label()).isEqualTo("person");
            assertThat(start.to()).isNull();
            assertThat(start.camera()).isEqualTo(camera);
            assertThat(start.tenant()).isEqualTo(tenant);
            assertThat(start.confidence()).isGreaterThanOrEqualTo(0.5);
            assertThat(start.box()).isNotNull();
            assertThat(reports.get(0).thumbnail()).startsWith((byte) 0xff, (byte) 0xd8);
            assertThat(reports.get(1).event().to()).isAfterOrEqualTo(start.from());
            assertThat(reports.get(1).thumbnail()).isNull();
        });
        // The line: crossings are instantaneous rule events named after the rule, in the line's zone.
        assertThat(crossings).isNotEmpty().allSatisfy(g -> {
            assertThat(g.event().label()).isEqualTo("crossing");
            assertThat(g.event().zone()).isEqualTo("middle");
            assertThat(g.event().to()).isEqualTo(g.event().from());
            assertThat(g.thumbnail()).isNotNull();
        });
        assertThat(crossings).extracting(g -> g.event().id()).doesNotHaveDuplicates();
    }
}
