package io.argus.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The viewer's RTP timestamps: a cached GOP sent in one burst is squeezed, live units keep their spacing. */
class RtpTimelineTest {
    private static final long FRAME = 3600;
    private static final long FRAME_NANOS = 40_000_000L;

    @Test
    void liveUnitsKeepTheirOwnTimes() {
        RtpTimeline t = new RtpTimeline(1000, 90_000);
        for (int i = 0; i < 100; i++) {
            assertThat(t.next(i * FRAME, i * FRAME_NANOS)).isEqualTo(1000 + i * FRAME);
        }
    }

    @Test
    void aBurstOfCachedUnitsIsSqueezedAndLiveUnitsFollowAtTheirPace() {
        RtpTimeline t = new RtpTimeline(0, 90_000);
        long now = 5_000_000_000L;
        // 50 cached frames (2 s) sent at once.
        long[] burst = new long[50];
        for (int i = 0; i < 50; i++) {
            burst[i] = t.next(i * FRAME, now);
        }
        assertThat(burst[49] - burst[0]).as("2 s of stream time sent at once span at most the slack")
                .isLessThanOrEqualTo(RtpTimeline.SLACK_TICKS + 50);
        for (int i = 1; i < 50; i++) {
            assertThat(burst[i]).isGreaterThan(burst[i - 1]);
        }
        // Then live frames, one every 40 ms: their own spacing (the first gives back the burst's one-tick steps).
        long prev = t.next(50 * FRAME, now + FRAME_NANOS);
        assertThat(prev - burst[49]).isBetween(FRAME - 50, FRAME);
        for (int i = 51; i < 60; i++) {
            long ts = t.next(i * FRAME, now + (i - 49) * FRAME_NANOS);
            assertThat(ts - prev).isEqualTo(FRAME);
            prev = ts;
        }
    }

    @Test
    void timestampsNeverGoBackEvenWhenTheSourceDoes() {
        RtpTimeline t = new RtpTimeline(0xffffff00L, 90_000);
        long a = t.next(900_000, 0);
        long b = t.next(0, FRAME_NANOS);
        assertThat((b - a) & 0xffffffffL).as("wraps forward by one tick").isEqualTo(1);
        assertThat(t.next(FRAME, 2 * FRAME_NANOS)).isEqualTo((b + FRAME) & 0xffffffffL);
    }
}
