package io.argus.analytics.sampling;

/**
 * Decides, unit by unit, what a camera's analytics decode and analyse. Three rates: quiet (one keyframe every
 * {@link SamplingConfig#quietInterval}, decoded alone), motion and detection (the GOP decoded from its keyframe so
 * that any picture can be analysed, and pictures analysed at the rate's interval). Motion and detections reported
 * back raise the rate for their hold time. A {@link SamplingConfig#fixed} config holds the motion rate at
 * {@link SamplingConfig#fixedFps} whatever is seen: the fixed-rate baseline.
 *
 * <p>Times are media time in nanoseconds (a stream's timestamps), so the sampler is the same under test and live.
 * Single-threaded: the camera's analytics thread.
 */
public final class AdaptiveSampler {
    /** The rate in force. */
    public enum Rate { QUIET, MOTION, DETECTION }

    private final SamplingConfig config;
    private final long quietNanos;
    private final long motionNanos;
    private final long detectionNanos;
    private long lastAnalysed = Long.MIN_VALUE;
    private long motionUntil = Long.MIN_VALUE;
    private long detectionUntil = Long.MIN_VALUE;
    private boolean referencesHeld;

    public AdaptiveSampler(SamplingConfig config) {
        this.config = config;
        this.quietNanos = config.quietInterval().toNanos();
        this.motionNanos = (long) (1e9 / (config.fixed() ? config.fixedFps() : config.motionFps()));
        this.detectionNanos = (long) (1e9 / config.detectionFps());
    }

    public Rate rate(long t) {
        if (config.fixed()) {
            return Rate.MOTION;
        }
        return t < detectionUntil ? Rate.DETECTION : t < motionUntil ? Rate.MOTION : Rate.QUIET;
    }

    /** The sample for a video unit at media time {@code t}; the caller then decodes and analyses as it says. */
    public Sample next(boolean keyframe, long t) {
        Rate rate = rate(t);
        if (rate == Rate.QUIET) {
            referencesHeld = false;
            if (keyframe && due(t, quietNanos)) {
                lastAnalysed = t;
                return Sample.KEYFRAME;
            }
            return Sample.SKIP;
        }
        if (!referencesHeld && !keyframe) {
            // Raised mid-GOP: nothing before this unit was decoded, so it cannot be; wait for the next keyframe.
            return Sample.SKIP;
        }
        referencesHeld = true;
        if (due(t, rate == Rate.DETECTION ? detectionNanos : motionNanos)) {
            lastAnalysed = t;
            return Sample.ANALYSE;
        }
        return Sample.DECODE;
    }

    /** The decoder refused a unit: it holds no usable references until the next keyframe. */
    public void lostReferences() {
        referencesHeld = false;
    }

    private boolean due(long t, long interval) {
        return lastAnalysed == Long.MIN_VALUE || t - lastAnalysed >= interval || t < lastAnalysed;
    }

    /** An analysed picture at {@code t} showed motion. */
    public void motion(long t) {
        motionUntil = Math.max(motionUntil, t + config.motionHold().toNanos());
    }

    /** An analysed picture at {@code t} had a detection. */
    public void detection(long t) {
        detectionUntil = Math.max(detectionUntil, t + config.detectionHold().toNanos());
    }
}
