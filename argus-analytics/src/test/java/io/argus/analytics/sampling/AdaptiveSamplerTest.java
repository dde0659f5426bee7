package io.argus.analytics.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdaptiveSamplerTest {
    private static final long FRAME = 40_000_000L; // 25 fps
    private static final int GOP = 25;

    private static List<Sample> run(AdaptiveSampler s, int from, int to) {
        List<Sample> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(s.next(i % GOP == 0, i * FRAME));
        }
        return out;
    }

    @Test
    void aQuietSceneDecodesOneKeyframeEveryQuietIntervalAndNothingElse() {
        AdaptiveSampler s = new AdaptiveSampler(SamplingConfig.DEFAULT);
        List<Sample> out = run(s, 0, 250); // 10 s, a keyframe a second
        assertThat(out.stream().filter(x -> x == Sample.KEYFRAME).count()).isEqualTo(5);
        assertThat(out.stream().filter(x -> x != Sample.KEYFRAME && x != Sample.SKIP)).isEmpty();
        assertThat(s.rate(10 * 1_000_000_000L)).isEqualTo(AdaptiveSampler.Rate.QUIET);
    }

    @Test
    void motionRaisesTheRateFromTheNextKeyframeAndDecodesTheGopForIt() {
        AdaptiveSampler s = new AdaptiveSampler(SamplingConfig.DEFAULT);
        assertThat(s.next(true, 0)).isEqualTo(Sample.KEYFRAME);
        s.motion(0);
        // Mid-GOP: no references, nothing to decode until the next keyframe.
        assertThat(run(s, 1, GOP)).containsOnly(Sample.SKIP);
        List<Sample> gop = run(s, GOP, 2 * GOP);
        assertThat(gop).doesNotContain(Sample.SKIP, Sample.KEYFRAME);
        assertThat(gop.stream().filter(x -> x == Sample.ANALYSE).count()).isEqualTo(4); // 4 fps
        // The motion hold (5 s) runs out: back to a keyframe now and then.
        List<Sample> later = run(s, 6 * GOP, 10 * GOP);
        assertThat(later).containsOnly(Sample.SKIP, Sample.KEYFRAME);
    }

    @Test
    void aDetectionRaisesTheRateFurtherForItsHold() {
        AdaptiveSampler s = new AdaptiveSampler(new SamplingConfig(Duration.ofSeconds(2), 2, Duration.ofSeconds(5), 10,
                Duration.ofSeconds(3), 5));
        s.next(true, 0);
        s.motion(0);
        s.detection(0);
        List<Sample> gop = run(s, GOP, 2 * GOP);
        assertThat(gop.stream().filter(x -> x == Sample.ANALYSE).count()).isBetween(8L, 9L);
        assertThat(s.rate(4 * 1_000_000_000L)).isEqualTo(AdaptiveSampler.Rate.MOTION);
        assertThat(s.rate(6 * 1_000_000_000L)).isEqualTo(AdaptiveSampler.Rate.QUIET);
    }

    @Test
    void aRefusedUnitWaitsForTheNextKeyframe() {
        AdaptiveSampler s = new AdaptiveSampler(SamplingConfig.DEFAULT);
        s.next(true, 0);
        s.motion(0);
        s.next(true, GOP * FRAME);
        s.lostReferences();
        assertThat(s.next(false, (GOP + 1) * FRAME)).isEqualTo(Sample.SKIP);
        assertThat(s.next(true, 2 * GOP * FRAME)).isNotEqualTo(Sample.SKIP);
    }

    @Test
    void aFixedRateDecodesEverythingAndAnalysesAtItsRateWhateverIsSeen() {
        AdaptiveSampler s = new AdaptiveSampler(SamplingConfig.DEFAULT.fixedAt(1));
        List<Sample> tenSeconds = run(s, 0, 250);
        assertThat(tenSeconds).doesNotContain(Sample.SKIP, Sample.KEYFRAME);
        assertThat(tenSeconds.stream().filter(x -> x == Sample.ANALYSE).count()).isEqualTo(10);
        assertThat(s.rate(20 * 1_000_000_000L)).isEqualTo(AdaptiveSampler.Rate.MOTION);
    }
}
