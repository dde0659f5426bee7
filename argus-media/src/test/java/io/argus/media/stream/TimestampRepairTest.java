package io.argus.media.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.media.stream.TimestampRepair.Fault;
import io.argus.testkit.ManualClock;
import java.util.function.IntToLongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden table of cameras' timestamps (video at a 90 kHz clock unless said otherwise): each case gives a camera's
 * decode times and when its frames arrive (a {@link ManualClock}), and the repaired decode times it must come out
 * with: the input itself while the timestamps behave, arrival times on an even cadence once they do not.
 */
class TimestampRepairTest {

    static final int HZ = 90_000;
    /** One frame at 25 fps. */
    static final long FRAME = HZ / 25;
    static final long MS = 1_000_000;

    /**
     * @param dts         the camera's decode time of frame i
     * @param arrivalStep nanoseconds from the previous frame's arrival to frame i's
     * @param fault       the fault expected, null for none
     * @param faultAt     the first frame given an arrival time
     * @param expected    the decode time frame i must come out with; null where only the properties are checked
     */
    record Case(String name, int frames, IntToLongFunction dts, IntToLongFunction arrivalStep, Fault fault,
                int faultAt, String reason, IntToLongFunction expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** I0 P3 B1 B2 P6 B4 B5 …: frame i of decode order is presented at this time. */
    static long bFrames(int i) {
        return (i == 0 ? 0 : i % 3 == 1 ? i + 2 : i - 1) * FRAME;
    }

    static long jittered(int i) {
        return 40 * MS + (i % 3 - 1) * 7 * MS;
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("well-behaved, jittered arrivals: untouched", 500, i -> i * FRAME,
                        TimestampRepairTest::jittered, null, -1, null, i -> i * FRAME),
                new Case("well-behaved, a 1.5 s network stall and a burst: untouched", 300, i -> i * FRAME,
                        i -> i == 100 ? 1500 * MS : i > 100 && i < 137 ? 0 : 40 * MS, null, -1, null,
                        i -> i * FRAME),
                new Case("B-frames, presentation times in decode order (I P B B): untouched", 300,
                        TimestampRepairTest::bFrames, i -> 40 * MS, null, -1, null, TimestampRepairTest::bFrames),
                new Case("well-behaved with an offset start: untouched", 200, i -> 123_456_789L + i * FRAME,
                        i -> 40 * MS, null, -1, null, i -> 123_456_789L + i * FRAME),
                new Case("constant (rtph264pay fed a raw .h264 file)", 400, i -> 0, i -> 40 * MS, Fault.CONSTANT, 1,
                        "do not advance", i -> i * FRAME),
                new Case("constant, arrivals jittered by 7 ms: still even", 400, i -> 5000, TimestampRepairTest::jittered,
                        Fault.CONSTANT, 1, "do not advance", i -> 5000 + i * FRAME),
                new Case("stalled after 50 frames", 300, i -> Math.min(i, 50) * FRAME, i -> 40 * MS, Fault.STALLED,
                        51, "stopped advancing", i -> i * FRAME),
                new Case("jumps back 2 s every 3 s", 400, i -> i * FRAME - i / 75 * 2 * HZ, i -> 40 * MS,
                        Fault.BACKWARDS, 75, "jumped back 1.960 s", i -> i * FRAME),
                new Case("jumps 30 s ahead", 300, i -> i * FRAME + (i >= 50 ? 30L * HZ : 0), i -> 40 * MS,
                        Fault.FORWARD, 50, "jumped 30.040 s ahead", i -> i * FRAME),
                new Case("wrong clock rate: counts milliseconds at an announced 90 kHz", 400, i -> i * 40L,
                        i -> 40 * MS, Fault.CLOCK_RATE, 100, "0.011 times as fast",
                        i -> i < 100 ? i * 40L : 99 * 40L + (i - 99) * FRAME),
                new Case("wrong clock rate: 90 kHz announced, 1 MHz counted", 400, i -> i * 40_000L,
                        i -> 40 * MS, Fault.CLOCK_RATE, 100, "11.111 times as fast",
                        i -> i < 100 ? i * 40_000L : 99 * 40_000L + (i - 99) * FRAME),
                new Case("constant, a 1 s stall then a burst that catches up: no hole", 300, i -> 0,
                        i -> i == 100 ? 1000 * MS : i > 100 && i < 125 ? 0 : 40 * MS, Fault.CONSTANT, 1,
                        "do not advance", i -> i * FRAME),
                new Case("constant, 3 s of frames lost: a gap once 64 frames have stayed late", 300, i -> 0,
                        i -> i == 101 ? 3000 * MS : 40 * MS, Fault.CONSTANT, 1, "do not advance",
                        i -> i < 164 ? i * FRAME : 7L * HZ + (i - 101) * FRAME),
                new Case("constant, a start-up burst of 10 frames", 300, i -> 0, i -> i < 10 ? 0 : 40 * MS,
                        Fault.CONSTANT, 1, "do not advance", null),
                new Case("constant, frames arrive in twos", 300, i -> 0, i -> i % 2 == 1 ? 0 : 80 * MS,
                        Fault.CONSTANT, 1, "do not advance", null),
                new Case("constant at 29.97 fps: converges to 3003 ticks a frame", 600, i -> 0,
                        i -> i == 0 ? 0 : 1001 * MS / 30, Fault.CONSTANT, 1, "do not advance", null),
                new Case("constant at 7 fps, not a standard rate", 300, i -> 0, i -> i == 0 ? 0 : 1000 * MS / 7,
                        Fault.CONSTANT, 1, "do not advance", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void repairs(Case c) {
        TimestampRepair repair = TimestampRepair.video(HZ);
        ManualClock clock = new ManualClock();
        long[] out = new long[c.frames()];
        long firstArrival = 0;
        for (int i = 0; i < c.frames(); i++) {
            clock.advance(java.time.Duration.ofNanos(c.arrivalStep().applyAsLong(i)));
            firstArrival = i == 0 ? clock.nanoTime() : firstArrival;
            out[i] = repair.next(c.dts().applyAsLong(i), clock.nanoTime());
            if (c.fault() != null && i + 1 == c.faultAt()) {
                assertThat(repair.fault()).as("no fault before frame %d", c.faultAt()).isNull();
            }
        }
        assertThat(repair.fault()).isEqualTo(c.fault());
        if (c.fault() == null) {
            assertThat(repair.reason()).isNull();
            assertThat(repair.retimed()).isZero();
        } else {
            assertThat(repair.reason()).contains(c.reason());
            assertThat(repair.retimed()).isEqualTo(c.frames() - c.faultAt());
        }
        for (int i = Math.max(1, c.faultAt()); c.fault() != null && i < out.length; i++) {
            assertThat(out[i]).as("repaired frame %d after %d", i, out[i - 1]).isGreaterThan(out[i - 1]);
        }
        if (c.expected() != null) {
            for (int i = 0; i < out.length; i++) {
                assertThat(out[i]).as("frame %d", i).isEqualTo(c.expected().applyAsLong(i));
            }
        } else {
            long interval = repair.interval();
            assertThat(interval).as("the frame interval").isEqualTo(c.name().contains("29.97") ? 3003
                    : c.name().contains("7 fps") ? 12857 : FRAME);
            long arrivedTicks = (clock.nanoTime() - firstArrival) * HZ / 1_000_000_000L;
            assertThat(Math.abs(out[out.length - 1] - out[0] - arrivedTicks)).as("on the arrival clock")
                    .isLessThanOrEqualTo(interval);
            for (int i = out.length - 50; i < out.length; i++) {
                assertThat(out[i] - out[i - 1]).as("even steps at the end, frame %d", i).isEqualTo(interval);
            }
        }
    }

    @Test
    void medianSelects() {
        long[] a = {9, 1, 8, 2, 7, 3, 6, 4, 5};
        assertThat(TimestampRepair.median(a, 9)).isEqualTo(5);
        assertThat(TimestampRepair.median(new long[] {4, 4, 4, 1}, 4)).isEqualTo(4);
        assertThat(TimestampRepair.median(new long[] {3, 1}, 2)).isEqualTo(3);
    }

    @Test
    void aacFramesInBurstsKeepTheirPace() {
        // Three 1024-sample frames per RTP packet at 48 kHz: arrivals come in threes, 64 ms apart.
        TimestampRepair repair = TimestampRepair.audio(48_000, 1024);
        ManualClock clock = new ManualClock();
        long last = 0;
        for (int i = 0; i < 3000; i++) {
            clock.advance(java.time.Duration.ofNanos(i % 3 == 0 && i > 0 ? 64 * MS : 0));
            long out = repair.next(0, clock.nanoTime());
            if (i > 0) {
                assertThat(out).as("frame %d", i).isGreaterThan(last);
            }
            if (i > 100) {
                assertThat(out - last).as("1024 samples a frame once aligned to the packets, frame %d", i)
                        .isEqualTo(1024);
            }
            last = out;
        }
        assertThat(repair.fault()).isEqualTo(Fault.CONSTANT);
    }
}
