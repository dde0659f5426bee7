package io.argus.storage.playback;

import io.argus.storage.chunk.ChunkRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The fragments of one chunk from a fragment that starts with a keyframe up to the next such fragment: the unit
 * playback can start at. An HLS segment is one; an export begins at one.
 *
 * @param fragments in order, the first {@link ChunkFragment#independent()}
 */
public record Gop(List<TimedFragment> fragments) {

    public Gop {
        fragments = List.copyOf(fragments);
        if (fragments.isEmpty()) {
            throw new IllegalArgumentException("an empty GOP");
        }
    }

    public ChunkRecord chunk() {
        return fragments.get(0).chunk();
    }

    public ChunkMedia media() {
        return fragments.get(0).media();
    }

    public Instant start() {
        return fragments.get(0).start();
    }

    public Instant end() {
        return fragments.get(fragments.size() - 1).end();
    }

    public Duration duration() {
        return Duration.between(start(), end());
    }

    /** Where its first fragment starts in the chunk. */
    public long offset() {
        return fragments.get(0).fragment().offset();
    }

    /** Bytes from its first fragment's start to its last one's end. */
    public long length() {
        return fragments.get(fragments.size() - 1).fragment().end() - offset();
    }

    /**
     * The GOPs of a chunk, placed on the wall clock. Fragments before the chunk's first independent one (there
     * should be none: a chunk starts with a keyframe) cannot be decoded on their own and are left out.
     */
    public static List<Gop> of(ChunkRecord chunk, ChunkMedia media) {
        int primary = media.primaryTrack().trackId();
        long primaryFirst = media.firstTfdt(primary);
        List<Gop> gops = new ArrayList<>();
        List<TimedFragment> current = null;
        List<ChunkFragment> fragments = media.fragments();
        for (int i = 0; i < fragments.size(); i++) {
            ChunkFragment f = fragments.get(i);
            FragmentRun timing = f.run(primary);
            long offsetNanos = timing != null ? nanos(timing.baseMediaDecodeTime() - primaryFirst,
                    media.timescale(primary))
                    : nanos(f.runs().get(0).baseMediaDecodeTime() - media.firstTfdt(f.runs().get(0).trackId()),
                    media.timescale(f.runs().get(0).trackId()));
            long durationNanos = 0;
            for (FragmentRun r : f.runs()) {
                durationNanos = Math.max(durationNanos, nanos(r.duration(), media.timescale(r.trackId())));
            }
            TimedFragment tf = new TimedFragment(chunk, media, i, chunk.start().plusNanos(offsetNanos),
                    Duration.ofNanos(durationNanos));
            if (f.independent()) {
                if (current != null) {
                    gops.add(new Gop(current));
                }
                current = new ArrayList<>();
            }
            if (current != null) {
                current.add(tf);
            }
        }
        if (current != null) {
            gops.add(new Gop(current));
        }
        return gops;
    }

    private static long nanos(long ticks, int timescale) {
        return Ticks.toNanos(ticks, timescale);
    }
}
