package io.argus.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.analytics.sampling.SamplingConfig;
import io.argus.media.codec.AccessUnit;
import io.argus.storage.event.Event;
import io.argus.storage.event.EventType;
import io.argus.testkit.tier.E2e;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline on a real clip: OpenCV's vtest.avi, people walking through a hall from the first second. */
@E2e
class FramePipelineTest {
    private static final Instant START = Instant.parse("2026-12-07T10:00:00Z");

    @TempDir
    Path dir;

    record Got(Event event, byte[] thumbnail) {
    }

    private static AnalyticsStats run(List<AccessUnit> units, List<Got> got) {
        CameraCounters counters = new CameraCounters();
        try (FramePipeline p = new FramePipeline(UUID.randomUUID(), UUID.randomUUID(), Clips.format(units.get(0)),
                AnalyticsSettings.DEFAULT, SamplingConfig.DEFAULT, FrameAnalyzer.NONE,
                (e, jpeg) -> got.add(new Got(e, jpeg)), counters, false, 320)) {
            for (AccessUnit au : units) {
                p.accept(au, START);
            }
        } finally {
            units.forEach(AccessUnit::release);
        }
        return counters.snapshot(SamplingConfig.DEFAULT.fixedFps(), DetectionCounts.ZERO);
    }

    @Test
    void aStillSceneDecodesOneKeyframeEveryTwoSeconds() throws Exception {
        List<Got> got = new ArrayList<>();
        AnalyticsStats stats = run(Clips.still(dir, 30, 25), got);
        System.out.printf("still scene 30 s at 25 fps: received %d, decoded %d, analysed %d (fixed 5 fps: %d),"
                + " decode saving %.1f %%%n", stats.received(), stats.decoded(), stats.analysed(), stats.fixedRate(),
                stats.decodeSaving() * 100);
        assertThat(got).isEmpty();
        assertThat(stats.received()).isEqualTo(750);
        assertThat(stats.decoded()).isEqualTo(stats.analysed()).isEqualTo(15);
        assertThat(stats.decodeSaving()).isGreaterThan(0.97);
    }

    @Test
    void walkersMakeAMotionPeriodWithAThumbnailAndSamplingDecodesLessThanItReceives() throws Exception {
        List<AccessUnit> units = Clips.vtest(dir, 30, 20);
        List<Got> got = new ArrayList<>();
        CameraCounters counters = new CameraCounters();
        UUID tenant = UUID.randomUUID();
        UUID camera = UUID.randomUUID();
        try (FramePipeline p = new FramePipeline(tenant, camera, Clips.format(units.get(0)),
                AnalyticsSettings.DEFAULT, SamplingConfig.DEFAULT, FrameAnalyzer.NONE,
                (e, jpeg) -> got.add(new Got(e, jpeg)), counters, false, 320)) {
            for (AccessUnit au : units) {
                p.accept(au, START.plusNanos((au.pts() - units.get(0).pts()) * 1_000_000_000L / 90_000));
            }
        } finally {
            units.forEach(AccessUnit::release);
        }
        AnalyticsStats stats = counters.snapshot(SamplingConfig.DEFAULT.fixedFps(), DetectionCounts.ZERO);
        System.out.printf("vtest 30 s: received %d, decoded %d, analysed %d (fixed 5 fps: %d), decode saving %.0f %%,"
                + " motion events %d%n", stats.received(), stats.decoded(), stats.analysed(), stats.fixedRate(),
                stats.decodeSaving() * 100, stats.motionEvents());
        assertThat(stats.received()).isEqualTo(300);
        assertThat(stats.corrupt()).isZero();
        assertThat(got).isNotEmpty();
        Event first = got.get(0).event();
        assertThat(first.type()).isEqualTo(EventType.MOTION);
        assertThat(first.camera()).isEqualTo(camera);
        assertThat(first.from()).isBetween(START, START.plusSeconds(5));
        assertThat(first.box()).isNotNull();
        assertThat(got.get(0).thumbnail()).startsWith((byte) 0xff, (byte) 0xd8);
        // People walk through the whole clip: one period, ended at the close, lasting most of it.
        Event last = got.get(got.size() - 1).event();
        assertThat(last.id()).isEqualTo(first.id());
        assertThat(Duration.between(last.from(), last.to())).isGreaterThan(Duration.ofSeconds(20));
        // Motion all along: the GOP is decoded at the motion rate and a picture analysed every 250 ms at most
        // (every third of a 10 fps clip), fewer than a fixed 5 fps sampler would.
        assertThat(stats.analysed()).isBetween(60L, 110L).isLessThan(stats.fixedRate());
        assertThat(stats.decoded()).isLessThanOrEqualTo(stats.received());
    }
}
