package io.argus.media.hls;

import io.argus.media.codec.format.fmp4.Fmp4Fragment;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;

/**
 * The segments a muxer keeps: the open one and up to {@link LlHlsSettings#windowSegments()} complete ones behind
 * it, within {@link LlHlsSettings#maxWindowBytes()}. Touched only on the muxer's loop.
 */
final class LlHlsWindow {
    /** §6.2.5.2: a blocking request this many parts past the last one is answered 400 at once. */
    static final int ADVANCE_PART_LIMIT = 3;
    /** §6.2.5.2: a blocking request for a segment this many past the last one is answered 400 at once. */
    static final int ADVANCE_SEGMENT_LIMIT = 2;

    private final LlHlsSettings settings;
    private final ArrayDeque<LlHlsSegment> segments = new ArrayDeque<>();
    private long nextMsn;
    private long nextPart;
    private long bytes;
    private double longestSegment;
    private double longestPart;

    LlHlsWindow(LlHlsSettings settings) {
        this.settings = settings;
    }

    /**
     * Appends a fragment as the next part, starting a new segment first when {@code newSegment} (or none is
     * open). <b>Takes ownership</b> of {@code fragment}. Returns false when even the open segment alone is over
     * the byte limit: the caller stops.
     */
    boolean add(Fmp4Fragment fragment, long wallMicros, boolean newSegment) {
        LlHlsSegment open = segments.peekLast();
        if (open == null || newSegment) {
            if (open != null) {
                open.complete(true);
                longestSegment = Math.max(longestSegment, open.duration());
            }
            open = new LlHlsSegment(nextMsn++, wallMicros);
            segments.addLast(open);
        }
        LlHlsPart p = new LlHlsPart(nextPart++, open.msn, open.parts.size(), fragment, fragment.durationSeconds(),
                fragment.independent());
        open.add(p);
        bytes += p.bytes();
        longestPart = Math.max(longestPart, p.duration());
        while (segments.size() > 1 && (segments.size() > settings.windowSegments() + 1
                || bytes > settings.maxWindowBytes())) {
            LlHlsSegment old = segments.pollFirst();
            bytes -= old.bytes();
            old.release();
        }
        return bytes <= settings.maxWindowBytes();
    }

    /** Seconds of the open segment so far (0 with none). */
    double openDuration() {
        LlHlsSegment open = segments.peekLast();
        return open == null ? 0 : open.duration();
    }

    boolean isEmpty() {
        return segments.isEmpty();
    }

    /** §4.4.3.1: at least every segment's duration rounded to the nearest integer; never below the target. */
    int targetDuration() {
        double target = settings.segmentTarget().toNanos() / 1e9;
        return (int) Math.max(1, Math.round(Math.max(target, longestSegment)));
    }

    /** The PART-TARGET: the configured one unless a part had to be longer (a frame interval over it). */
    double partTarget() {
        return Math.max(settings.partTarget().toNanos() / 1e9, longestPart);
    }

    long nextPart() {
        return nextPart;
    }

    Collection<LlHlsSegment> segments() {
        return Collections.unmodifiableCollection(segments);
    }

    long bytes() {
        return bytes;
    }

    /** Whether a playlist now holds part {@code part} of segment {@code msn} (or segment msn complete if part < 0). */
    boolean holds(long msn, int part) {
        LlHlsSegment last = segments.peekLast();
        if (last == null) {
            return false;
        }
        return last.msn > msn || part >= 0 && last.msn == msn && last.parts.size() > part;
    }

    /** Whether a blocking request for (msn, part) is too far ahead to wait for (§6.2.5.2). */
    boolean tooFarAhead(long msn, int part) {
        LlHlsSegment last = segments.peekLast();
        long lastMsn = last == null ? -1 : last.msn;
        int lastPart = last == null ? -1 : last.parts.size() - 1;
        return msn > lastMsn + ADVANCE_SEGMENT_LIMIT
                || msn == lastMsn && part > lastPart + ADVANCE_PART_LIMIT
                || msn > lastMsn && part > ADVANCE_PART_LIMIT;
    }

    boolean hasPart(long number) {
        LlHlsSegment first = segments.peekFirst();
        return first != null && !first.parts.isEmpty() && number >= first.parts.get(0).number() && number < nextPart;
    }

    boolean hasSegment(long msn) {
        for (LlHlsSegment s : segments) {
            if (s.msn == msn) {
                return s.complete();
            }
        }
        return false;
    }

    /** A retained duplicate of part {@code number}'s bytes (the caller owns it), or null if not in the window. */
    ByteBuf part(long number) {
        for (LlHlsSegment s : segments) {
            if (!s.parts.isEmpty() && s.parts.get(0).number() <= number
                    && number < s.parts.get(0).number() + s.parts.size()) {
                return s.parts.get((int) (number - s.parts.get(0).number())).fragment().content().retainedDuplicate();
            }
        }
        return null;
    }

    /** The complete segment {@code msn} as one buffer of its parts (the caller owns it), or null. */
    ByteBuf segment(long msn, ByteBufAllocator alloc) {
        for (LlHlsSegment s : segments) {
            if (s.msn == msn && s.complete()) {
                CompositeByteBuf out = alloc.compositeBuffer(s.parts.size());
                for (LlHlsPart p : s.parts) {
                    out.addComponent(true, p.fragment().content().retainedDuplicate());
                }
                return out;
            }
        }
        return null;
    }

    void release() {
        for (LlHlsSegment s : segments) {
            s.release();
        }
        segments.clear();
        bytes = 0;
    }
}
