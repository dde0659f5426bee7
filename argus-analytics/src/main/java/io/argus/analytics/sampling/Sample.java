package io.argus.analytics.sampling;

/** What to do with one video access unit. */
public enum Sample {
    /** Neither decode nor analyse it. */
    SKIP,
    /** A keyframe decoded on its own (no references before it) and analysed. */
    KEYFRAME,
    /** Decode it (a later sampled picture refers to it), do not analyse it. */
    DECODE,
    /** Decode and analyse it. */
    ANALYSE
}
