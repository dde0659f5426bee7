package io.argus.media.stream;

import java.util.Locale;

/**
 * Watches one track's timestamps on their way into a {@link Stream} and repairs them when the camera gets them
 * wrong. While they behave they pass through untouched (the output is the input, bit for bit). At the first sign
 * that they cannot be trusted the track switches, for the rest of the session, to arrival times smoothed to the
 * frame rate: the recorder, LL-HLS and MSE all need decode times that increase, and at the right pace.
 *
 * <p>The faults, each seen on real cameras:
 * <ul>
 *   <li>{@link Fault#CONSTANT}: every frame has the same timestamp. GStreamer's {@code rtph264pay} fed a raw
 *       {@code .h264} file (which has no PTS) stamps every packet alike.</li>
 *   <li>{@link Fault#STALLED}: they advanced, then stopped (firmware whose clock froze).</li>
 *   <li>{@link Fault#BACKWARDS}: a frame is stamped more than {@link #MAX_REORDER_NANOS} before the previous one
 *       (clock steps, wrap bugs). Less is B-frames: RTP carries presentation times, which step back by a few
 *       frames in decode order; those pass through as they are.</li>
 *   <li>{@link Fault#FORWARD}: a frame is stamped far later than it arrived after the previous one.</li>
 *   <li>{@link Fault#CLOCK_RATE}: they advance at a rate other than the clock rate announced (a camera that says
 *       90 kHz and counts milliseconds), in two consecutive windows of {@link #RATE_WINDOW_NANOS}.</li>
 * </ul>
 *
 * <p>Arrival mode: each output is the previous one plus the frame interval, so the output is even however much
 * the arrivals jitter. For video the interval is measured from the last {@link #WINDOW} arrivals (see
 * {@link #updateInterval()}) and snapped to a standard frame rate when within {@link #SNAP_TOLERANCE} of one; for
 * audio it is the samples of a frame. The
 * phase follows the arrival clock: a frame can arrive late (network delay, a burst after a stall) but never before
 * it was captured, so the least lateness of the last {@link #LATENESS} frames is how far the output lags. Past half
 * an interval the step is nudged (by an eighth of it, at most half an interval), past {@link #MAX_LAG_NANOS} the
 * output jumps (frames were lost or the camera paused: the gap shows as a gap), and a frame that arrives more than
 * half an interval before its output time pulls the output back. Outputs always increase.
 *
 * <p>Single-threaded (the stream's writer thread). Allocates nothing per frame; a reason string once, at the switch.
 */
public final class TimestampRepair {

    /** What was wrong with a track's timestamps. */
    public enum Fault {
        CONSTANT, STALLED, BACKWARDS, FORWARD, CLOCK_RATE
    }

    /** Arrivals the frame interval is averaged over: about 2.5 s of 25 fps video; a power of two (a mask). */
    static final int WINDOW = 64;
    /**
     * Arrivals needed before their spacing is trusted over the default interval: enough that a start-up burst of
     * ten frames is under half of them.
     */
    static final int MIN_ESTIMATE = 32;
    /** Frames apart of the arrivals whose spacing is measured: averages out frames that arrive in twos or fours. */
    static final int SPAN = 4;
    /**
     * Frames whose least lateness sets the phase: the catch-up burst after a stall of up to this many frames (2.5 s
     * at 25 fps) moves nothing, and frames lost show as a gap after as many.
     */
    static final int LATENESS = WINDOW;
    /**
     * A step this much longer than the time between the two frames' arrivals is a jump, not jitter: longer than
     * any frame interval of a live camera (1 fps and slower are 1 s) plus a network hiccup.
     */
    static final long MAX_FORWARD_JUMP_NANOS = 3_000_000_000L;
    /**
     * The furthest a presentation time steps back in decode order with B-frames: three B-frames at 25 fps are
     * 120 ms, and a camera clock that is reset steps back seconds.
     */
    static final long MAX_REORDER_NANOS = 500_000_000L;
    /** The clock-rate check compares timestamps with arrivals over windows at least this long. */
    static final long RATE_WINDOW_NANOS = 2_000_000_000L;
    /**
     * Timestamps advancing more than this many times faster or slower than arrivals in a window are at the wrong
     * rate. A factor of two is far beyond drift and jitter, and a network stall that slows one window is followed
     * by the burst that speeds up the next, so two windows in the same direction are needed.
     */
    static final double MAX_RATE_RATIO = 2.0;
    /** In arrival mode, arrivals further ahead of the output than this are a gap (frames lost, camera paused). */
    static final long MAX_LAG_NANOS = 2_000_000_000L;
    /** A measured interval within 2 % of a standard frame rate's is taken to be exactly that. */
    static final double SNAP_TOLERANCE = 0.02;
    /** The frame rates cameras are set to (NTSC rates as 24000/1001, 30000/1001, 60000/1001). */
    private static final double[] STANDARD_FPS = {1, 2, 3, 4, 5, 6, 7.5, 8, 10, 12, 12.5, 15, 20, 24000 / 1001.0, 24,
        25, 30000 / 1001.0, 30, 48, 50, 60000 / 1001.0, 60};
    private static final long NANOS = 1_000_000_000L;

    private final int clockRate;
    private final boolean measured;
    private final long defaultInterval;
    private final long[] arrivals = new long[WINDOW];
    private final long[] lateness = new long[LATENESS];
    private final long[] scratch = new long[WINDOW];
    private long units;
    private long lastIn;
    private long lastOut;
    private long lastArrival;
    private long lastStep;
    private long rateWindowIn;
    private long rateWindowArrival;
    private int rateStrikes;
    private Fault fault;
    private String reason;
    private long anchorOut;
    private long anchorArrival;
    private long retimed;
    private long interval;
    private int disagreements;

    private TimestampRepair(int clockRate, boolean measured, long defaultInterval) {
        if (clockRate <= 0 || defaultInterval <= 0) {
            throw new IllegalArgumentException("clock rate and frame interval must be positive: " + clockRate
                    + ", " + defaultInterval);
        }
        this.clockRate = clockRate;
        this.measured = measured;
        this.defaultInterval = defaultInterval;
    }

    /**
     * A video track: its frame interval is measured from the arrivals; until there are {@link #MIN_ESTIMATE} of
     * them it is the camera's last good step, or else a 25 fps frame (the most common camera rate).
     */
    public static TimestampRepair video(int clockRate) {
        return new TimestampRepair(clockRate, true, Math.max(1, clockRate / 25));
    }

    /** An audio track of {@code samplesPerFrame} samples a frame at a clock of the sample rate (1024 for AAC). */
    public static TimestampRepair audio(int clockRate, int samplesPerFrame) {
        return new TimestampRepair(clockRate, false, samplesPerFrame);
    }

    /**
     * The decode time of the next unit of the track: {@code dts} itself while the timestamps behave, else the
     * repaired one. Presentation times keep their offset from it.
     *
     * @param dts           the unit's decode time from the source, in clock ticks (unwrapped to 64 bits)
     * @param receivedNanos when it arrived ({@link System#nanoTime()})
     */
    public long next(long dts, long receivedNanos) {
        arrivals[(int) (units++ & (WINDOW - 1))] = receivedNanos;
        long out;
        if (units == 1) {
            rateWindowIn = dts;
            rateWindowArrival = receivedNanos;
            out = dts;
        } else if (fault == null && (fault = check(dts, receivedNanos)) == null) {
            lastStep = dts > lastIn ? dts - lastIn : lastStep;
            out = dts;
        } else {
            if (retimed == 0) {
                anchorOut = lastOut;
                anchorArrival = lastArrival;
            }
            out = arrivalTime(receivedNanos);
            retimed++;
        }
        lastIn = dts;
        lastOut = out;
        lastArrival = receivedNanos;
        return out;
    }

    /** The fault in {@code dts} after the previous unit, or null; sets {@link #reason} when there is one. */
    private Fault check(long dts, long receivedNanos) {
        long step = dts - lastIn;
        if (step == 0) {
            boolean constant = lastStep == 0;
            reason = constant ? "timestamps do not advance: every frame carries the same one"
                    : "timestamps stopped advancing";
            return constant ? Fault.CONSTANT : Fault.STALLED;
        }
        if (step < 0 && toNanos(-step) > MAX_REORDER_NANOS) {
            reason = "timestamps jumped back " + seconds(toNanos(-step)) + " s";
            return Fault.BACKWARDS;
        }
        long gapNanos = receivedNanos - lastArrival;
        if (toNanos(step) - gapNanos > MAX_FORWARD_JUMP_NANOS) {
            reason = "timestamps jumped " + seconds(toNanos(step)) + " s ahead of a frame that arrived "
                    + seconds(gapNanos) + " s after the one before";
            return Fault.FORWARD;
        }
        long span = receivedNanos - rateWindowArrival;
        if (span >= RATE_WINDOW_NANOS) {
            double ratio = toNanos(dts - rateWindowIn) / (double) span;
            int direction = ratio > MAX_RATE_RATIO ? 1 : ratio < 1 / MAX_RATE_RATIO ? -1 : 0;
            rateStrikes = direction == 0 ? 0 : Integer.signum(rateStrikes) == direction ? rateStrikes + direction
                    : direction;
            rateWindowIn = dts;
            rateWindowArrival = receivedNanos;
            if (Math.abs(rateStrikes) >= 2) {
                reason = "timestamps advance " + String.format(Locale.ROOT, "%.3f", ratio) + " times as fast as "
                        + "the frames arrive: a clock rate other than the " + clockRate + " Hz announced";
                return Fault.CLOCK_RATE;
            }
        }
        return null;
    }

    private long arrivalTime(long receivedNanos) {
        long interval = updateInterval();
        long expected = lastOut + interval;
        long late = anchorOut + toTicks(receivedNanos - anchorArrival) - expected;
        lateness[(int) (retimed & (LATENESS - 1))] = late;
        long least = late;
        for (int i = 0; i < Math.min(retimed + 1, LATENESS); i++) {
            least = Math.min(least, lateness[i]);
        }
        long half = interval / 2;
        long correction = 0;
        if (least > toTicks(MAX_LAG_NANOS)) {
            correction = least;
        } else if (least > half) {
            correction = Math.min(half, least / 8);
        } else if (late < -half) {
            correction = Math.max(-half, late / 8);
        }
        if (correction != 0) {
            for (int i = 0; i < LATENESS; i++) {
                lateness[i] -= correction;
            }
        }
        return Math.max(lastOut + 1, expected + correction);
    }

    /** The frame interval in ticks now (the last one used). */
    long interval() {
        return interval > 0 ? interval : lastStep > 0 ? lastStep : defaultInterval;
    }

    /**
     * Updates the frame interval from the arrivals: the median, over the window, of the spacing of arrivals
     * {@link #SPAN} frames apart. The median ignores a start-up burst, a stall and its catch-up burst, or a gap,
     * as long as they fill less than half the window; spans of several frames average out arrivals that come in
     * clumps (a mean of single spacings would be thrown by the first, a median of them by the second). A
     * measurement replaces the interval only after disagreeing with it (by more than {@link #SNAP_TOLERANCE}) for
     * {@link #WINDOW} frames in a row, so no passing disturbance moves it.
     */
    private long updateInterval() {
        int n = (int) Math.min(units, WINDOW);
        if (!measured || n < MIN_ESTIMATE) {
            return interval();
        }
        int spans = n - SPAN;
        for (int k = 0; k < spans; k++) {
            long later = units - 1 - k;
            scratch[k] = arrivals[(int) (later & (WINDOW - 1))] - arrivals[(int) ((later - SPAN) & (WINDOW - 1))];
        }
        long estimate = snap((double) toTicks(median(scratch, spans)) / SPAN);
        if (interval == 0) {
            interval = estimate;
        } else if (Math.abs(estimate - interval) <= interval * SNAP_TOLERANCE) {
            disagreements = 0;
        } else if (++disagreements >= WINDOW) {
            interval = estimate;
            disagreements = 0;
        }
        return interval;
    }

    /** The median of {@code a[0..n)} (the upper one for even n), reordering {@code a}: Hoare's selection. */
    static long median(long[] a, int n) {
        int k = n / 2;
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            long pivot = a[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    long t = a[i];
                    a[i++] = a[j];
                    a[j--] = t;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    private long snap(double spacing) {
        for (double fps : STANDARD_FPS) {
            double standard = clockRate / fps;
            if (Math.abs(spacing - standard) <= standard * SNAP_TOLERANCE) {
                return Math.round(standard);
            }
        }
        return Math.max(1, Math.round(spacing));
    }

    private long toNanos(long ticks) {
        return ticks / clockRate * NANOS + ticks % clockRate * NANOS / clockRate;
    }

    private long toTicks(long nanos) {
        return nanos / NANOS * clockRate + nanos % NANOS * clockRate / NANOS;
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
    }

    /** What made the track switch to arrival times, or null while its own timestamps are used. */
    public Fault fault() {
        return fault;
    }

    /** The fault in words, with its size, or null. */
    public String reason() {
        return fault == null ? null : reason;
    }

    /** Units given arrival times. */
    public long retimed() {
        return retimed;
    }
}
