package io.argus.storage.playback;

import java.util.List;

/**
 * One {@code moof} + {@code mdat} of a stored chunk: where it is and what it holds.
 *
 * @param offset   where the moof starts in the chunk
 * @param moofSize the moof's size: the bytes a rewrite touches (the mdat after it is sent as it is)
 * @param size     moof and mdat together
 * @param runs     one per track with samples in it, in traf order
 */
public record ChunkFragment(long offset, long moofSize, long size, List<FragmentRun> runs) {

    public ChunkFragment {
        runs = List.copyOf(runs);
    }

    /** Where the mdat starts. */
    public long mdatOffset() {
        return offset + moofSize;
    }

    /** Where the fragment ends. */
    public long end() {
        return offset + size;
    }

    /** Decoding can start here: every run starts with a sync sample. */
    public boolean independent() {
        for (FragmentRun r : runs) {
            if (!r.startsWithSync()) {
                return false;
            }
        }
        return true;
    }

    /** The run of a track, or null if this fragment has no sample of it. */
    public FragmentRun run(int trackId) {
        for (FragmentRun r : runs) {
            if (r.trackId() == trackId) {
                return r;
            }
        }
        return null;
    }
}
