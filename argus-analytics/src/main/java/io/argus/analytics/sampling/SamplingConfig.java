package io.argus.analytics.sampling;

import java.time.Duration;

/**
 * The rates of adaptive sampling.
 *
 * @param quietInterval     a quiet scene: one keyframe at most this often (decoded alone, no reference frames)
 * @param motionFps         while motion is seen: pictures analysed a second (the whole GOP is decoded for them)
 * @param motionHold        how long the motion rate lasts after the last picture with motion
 * @param detectionFps      after a detection: pictures analysed a second (tracking needs a denser sequence)
 * @param detectionHold     how long the detection rate lasts after the last detection
 * @param fixedFps          the fixed rate the saving is reported against (what sampling every camera at one rate
 *                          would analyse)
 * @param fixed             sample at {@code fixedFps} always instead (the whole stream decoded, every camera at one
 *                          rate whatever it sees): the baseline adaptive sampling is measured against
 */
public record SamplingConfig(Duration quietInterval, double motionFps, Duration motionHold, double detectionFps,
                             Duration detectionHold, double fixedFps, boolean fixed) {
    /**
     * A keyframe every 2 s finds a person crossing a room before they leave it; 4 fps while motion lasts and 8 fps
     * for 10 s after a detection follow a walker well enough to track; 5 fps is the common fixed rate of VMS
     * analytics the saving is measured against.
     */
    public static final SamplingConfig DEFAULT = new SamplingConfig(Duration.ofSeconds(2), 4, Duration.ofSeconds(5),
            8, Duration.ofSeconds(10), 5);

    /** Adaptive sampling. */
    public SamplingConfig(Duration quietInterval, double motionFps, Duration motionHold, double detectionFps,
                          Duration detectionHold, double fixedFps) {
        this(quietInterval, motionFps, motionHold, detectionFps, detectionHold, fixedFps, false);
    }

    /** The same rates, sampled at {@code fps} always (the fixed-rate baseline). */
    public SamplingConfig fixedAt(double fps) {
        return new SamplingConfig(quietInterval, motionFps, motionHold, detectionFps, detectionHold, fps, true);
    }

    public SamplingConfig {
        if (quietInterval.isNegative() || motionHold.isNegative() || detectionHold.isNegative()) {
            throw new IllegalArgumentException("sampling intervals are not negative");
        }
        for (double fps : new double[] {motionFps, detectionFps, fixedFps}) {
            if (!(fps > 0 && fps <= 60)) {
                throw new IllegalArgumentException("sampling rates are 0..60 fps, got " + fps);
            }
        }
    }
}
