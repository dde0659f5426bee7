package io.argus.analytics;

/**
 * A camera's analytics counters since it was added.
 *
 * @param received     video access units the camera sent
 * @param decoded      units decoded (sampled pictures and the references they need)
 * @param analysed     pictures analysed (motion, and detection when on)
 * @param corrupt      units the decoder refused
 * @param fixedRate    pictures a fixed-rate sampler ({@code SamplingConfig#fixedFps}) would have analysed over the
 *                     same media time (and it would have decoded every unit)
 * @param motionEvents motion periods found
 * @param gpu          whether the camera's decoder runs on a GPU
 * @param rate         the sampling rate in force: quiet, motion or detection
 * @param detection    object detection's counters
 */
public record AnalyticsStats(long received, long decoded, long analysed, long corrupt, long fixedRate,
                             long motionEvents, boolean gpu, String rate, DetectionCounts detection) {
    /** Decoding saved against a fixed-rate sampler, which decodes every unit: 0..1. */
    public double decodeSaving() {
        return received == 0 ? 0 : 1 - (double) decoded / received;
    }

    /** Analysis saved against the fixed-rate sampler: 0..1 (negative while detections run above its rate). */
    public double analyseSaving() {
        return fixedRate == 0 ? 0 : 1 - (double) analysed / fixedRate;
    }
}
