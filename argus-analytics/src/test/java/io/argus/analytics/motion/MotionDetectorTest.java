package io.argus.analytics.motion;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.analytics.geom.Point;
import io.argus.analytics.geom.Polygon;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Motion on synthetic pictures: a textured grey background with sensor noise and a square that moves. */
class MotionDetectorTest {
    private static final int W = 320;
    private static final int H = 180;
    private final Random random = new Random(7);

    /** A picture with a {@code size}-pixel dark square at {@code x, y} (none when x < 0), brightened by {@code light}. */
    private byte[] picture(int x, int y, int size, int light) {
        byte[] p = new byte[W * H];
        for (int j = 0; j < H; j++) {
            for (int i = 0; i < W; i++) {
                int v = 100 + (i / 20 + j / 20) % 2 * 30 + random.nextInt(7) - 3 + light;
                if (x >= 0 && i >= x && i < x + size && j >= y && j < y + size) {
                    v = 20 + light;
                }
                p[j * W + i] = (byte) Math.max(0, Math.min(255, v));
            }
        }
        return p;
    }

    private static Polygon rect(double x0, double y0, double x1, double y1) {
        return new Polygon(List.of(new Point(x0, y0), new Point(x1, y0), new Point(x1, y1), new Point(x0, y1)));
    }

    @Test
    void aMovingSquareIsMotionWithItsBoxAndNoiseIsNot() {
        MotionDetector d = new MotionDetector(MotionConfig.DEFAULT);
        assertThat(d.detect(picture(-1, 0, 0, 0), W, H).motion()).isFalse();
        for (int k = 0; k < 5; k++) {
            assertThat(d.detect(picture(-1, 0, 0, 0), W, H).motion()).as("noise alone").isFalse();
        }
        MotionResult r = d.detect(picture(100, 60, 30, 0), W, H);
        assertThat(r.motion()).isTrue();
        assertThat(r.box().x()).isCloseTo(100.0 / W, org.assertj.core.data.Offset.offset(0.02));
        assertThat(r.box().y()).isCloseTo(60.0 / H, org.assertj.core.data.Offset.offset(0.03));
        assertThat(r.box().w()).isCloseTo(30.0 / W, org.assertj.core.data.Offset.offset(0.02));
        assertThat(d.detect(picture(140, 60, 30, 0), W, H).motion()).isTrue();
    }

    @Test
    void aRegionBelowTheMinimumAreaIsNotMotion() {
        MotionDetector d = new MotionDetector(new MotionConfig(0.6, 0.01, Map.of(), List.of()));
        d.detect(picture(-1, 0, 0, 0), W, H);
        assertThat(d.detect(picture(100, 60, 10, 0), W, H).motion()).as("0.2 % of the frame").isFalse();
        assertThat(d.detect(picture(100, 60, 40, 0), W, H).motion()).as("2.8 % of the frame").isTrue();
    }

    @Test
    void aGlobalChangeOfLightIsNotMotion() {
        MotionDetector d = new MotionDetector(MotionConfig.DEFAULT);
        d.detect(picture(-1, 0, 0, 0), W, H);
        assertThat(d.detect(picture(-1, 0, 0, 40), W, H).motion()).as("uniformly brighter").isFalse();
        assertThat(d.detect(picture(100, 60, 30, 40), W, H).motion()).as("a square, still bright").isTrue();
    }

    @Test
    void zonesNameWhereMotionWasAndMasksHideIt() {
        Polygon left = rect(0, 0, 0.5, 1);
        Polygon right = rect(0.5, 0, 1, 1);
        MotionDetector d = new MotionDetector(new MotionConfig(0.6, 0.001, Map.of("door", left), List.of()));
        d.detect(picture(-1, 0, 0, 0), W, H);
        assertThat(d.detect(picture(40, 60, 30, 0), W, H).zones()).containsExactly("door");
        assertThat(d.detect(picture(240, 60, 30, 0), W, H).motion()).as("outside every zone").isFalse();

        MotionDetector masked = new MotionDetector(new MotionConfig(0.6, 0.001, Map.of(), List.of(right)));
        masked.detect(picture(-1, 0, 0, 0), W, H);
        assertThat(masked.detect(picture(240, 60, 30, 0), W, H).motion()).as("under the mask").isFalse();
        assertThat(masked.detect(picture(40, 60, 30, 0), W, H).motion()).isTrue();
    }

    @Test
    void periodsStartAfterTwoPicturesAndEndAfterTheQuietTime() {
        MotionPeriods p = new MotionPeriods(2, Duration.ofSeconds(5));
        Instant t = Instant.parse("2026-12-07T10:00:00Z");
        assertThat(p.update(t, true)).isEqualTo(MotionPeriods.Change.NONE);
        assertThat(p.update(t.plusSeconds(1), false)).isEqualTo(MotionPeriods.Change.NONE);
        assertThat(p.update(t.plusSeconds(2), true)).isEqualTo(MotionPeriods.Change.NONE);
        assertThat(p.update(t.plusSeconds(3), true)).isEqualTo(MotionPeriods.Change.STARTED);
        assertThat(p.start()).isEqualTo(t.plusSeconds(2));
        assertThat(p.update(t.plusSeconds(5), false)).isEqualTo(MotionPeriods.Change.NONE);
        assertThat(p.update(t.plusSeconds(6), true)).isEqualTo(MotionPeriods.Change.NONE);
        assertThat(p.update(t.plusSeconds(10), false)).as("4 s after the last motion").isEqualTo(
                MotionPeriods.Change.NONE);
        assertThat(p.update(t.plusSeconds(11), false)).isEqualTo(MotionPeriods.Change.ENDED);
        assertThat(p.lastMotion()).isEqualTo(t.plusSeconds(6));
    }
}
