package io.argus.media.decode;

/** What one access unit fed to a {@link FfmpegFrameDecoder} gave: a per-unit outcome, never an exception. */
public enum DecodeOutcome {
    /** Taken; no picture came out yet (decoder delay, or a picture the caller did not want converted). */
    DECODED,
    /** A picture came out and is in the caller's {@link ScaledFrame}. */
    CONVERTED,
    /** The decoder refused the unit (corrupt, or its references are missing): counted, the next keyframe heals. */
    CORRUPT
}
