package io.argus.storage.playback;

import io.argus.media.codec.format.fmp4.Mp4Structure;
import java.util.ArrayList;
import java.util.List;

/**
 * One track's samples in a stored fragment, as read from its {@code traf}: the summary a chunk map keeps (its
 * per-sample table is dropped, so a cached map stays about 10 KB a minute).
 *
 * @param trackId             the MP4 track_ID
 * @param baseMediaDecodeTime the {@code tfdt}: decode time of the first sample, in the track's timescale
 * @param duration            the sum of the sample durations, in the track's timescale
 * @param samples             the number of samples
 * @param startsWithSync      whether the first sample is a sync sample (a keyframe; always so for audio)
 */
public record FragmentRun(int trackId, long baseMediaDecodeTime, long duration, int samples,
                          boolean startsWithSync) {

    /** The summaries of a fragment's runs, in traf order. */
    static List<FragmentRun> of(Mp4Structure.Fragment fragment) {
        List<FragmentRun> runs = new ArrayList<>(fragment.runs().size());
        for (Mp4Structure.Run r : fragment.runs()) {
            runs.add(new FragmentRun(r.trackId(), r.baseMediaDecodeTime(), r.duration(), r.samples().size(),
                    r.samples().get(0).sync()));
        }
        return runs;
    }
}
