package io.argus.media.hls;

import io.argus.media.codec.format.fmp4.Fmp4Fragment;

/**
 * One CMAF part: a fragment of its segment. Parts are named by a number that runs across segments, so the
 * preload hint can name the next part before anyone knows whether a keyframe will make it start a new segment.
 *
 * <p>Ownership: the part owns its fragment until its segment leaves the window ({@link #release}).
 *
 * @param number      the part's number since the muxer started (its URI)
 * @param msn         the media sequence number of its segment
 * @param index       its index within the segment (the {@code _HLS_part} of a blocking reload)
 * @param fragment    moof + mdat (retained payload slices)
 * @param duration    seconds, the playlist's {@code DURATION}
 * @param independent starts with a keyframe ({@code INDEPENDENT=YES})
 */
record LlHlsPart(long number, long msn, int index, Fmp4Fragment fragment, double duration, boolean independent) {

    int bytes() {
        return fragment.content().readableBytes();
    }

    void release() {
        fragment.release();
    }
}
