package io.argus.storage.playback;

import io.argus.storage.chunk.ChunkRecord;
import java.time.Duration;
import java.time.Instant;

/**
 * A stored fragment placed on the wall clock: {@code start = chunk.start + (tfdt - first tfdt of the chunk) /
 * timescale}, on the chunk's primary track (see {@link ChunkMedia#primaryTrack()}).
 *
 * @param chunk    the chunk's index row
 * @param media    the chunk's map
 * @param index    the fragment's index in {@code media.fragments()}
 * @param start    wall time of its first sample
 * @param duration its longest run's duration
 */
public record TimedFragment(ChunkRecord chunk, ChunkMedia media, int index, Instant start, Duration duration) {

    public ChunkFragment fragment() {
        return media.fragments().get(index);
    }

    public Instant end() {
        return start.plus(duration);
    }
}
