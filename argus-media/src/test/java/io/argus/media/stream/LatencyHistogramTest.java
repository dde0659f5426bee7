package io.argus.media.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
    @Test
    void bucketsAreMonotonicAndContainTheirValues() {
        for (long v = 0; v < 5_000_000; v = v < 100 ? v + 1 : v + v / 7) {
            int i = LatencyHistogram.index(v);
            assertThat(LatencyHistogram.upperBound(i)).as("bound of %d", v).isGreaterThanOrEqualTo(v);
            assertThat(v).as("within 7%% of bound for %d", v)
                    .isGreaterThanOrEqualTo((long) (LatencyHistogram.upperBound(i) / 1.07) - 1);
            if (i > 0) {
                assertThat(LatencyHistogram.upperBound(i - 1)).isLessThan(v);
            }
        }
    }

    @Test
    void percentilesOfAUniformSpread() {
        LatencyHistogram h = new LatencyHistogram();
        assertThat(h.percentileMicros(0.5)).isEqualTo(-1);
        for (int v = 1; v <= 10_000; v++) {
            h.recordMicros(v);
        }
        assertThat(h.count()).isEqualTo(10_000);
        assertThat(h.percentileMicros(0.5)).isBetween(5_000L, 5_400L);
        assertThat(h.percentileMicros(0.99)).isBetween(9_900L, 10_600L);
        h.reset();
        assertThat(h.count()).isZero();
    }
}
