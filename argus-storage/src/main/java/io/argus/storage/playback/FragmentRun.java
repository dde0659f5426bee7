package io.argus.storage.playback;

/**
 * One track's samples in a stored fragment, as read from its {@code traf}.
 *
 * @param trackId             the MP4 track_ID
 * @param baseMediaDecodeTime the {@code tfdt}: decode time of the first sample, in the track's timescale
 * @param duration            the sum of the sample durations, in the track's timescale
 * @param samples             the number of samples
 * @param startsWithSync      whether the first sample is a sync sample (a keyframe; always so for audio)
 */
public record FragmentRun(int trackId, long baseMediaDecodeTime, long duration, int samples,
                          boolean startsWithSync) {
}
