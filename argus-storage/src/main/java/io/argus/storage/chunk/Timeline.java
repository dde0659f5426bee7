package io.argus.storage.chunk;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Spans and per-minute coverage computed from a camera's chunks (pure; the index supplies the rows). */
final class Timeline {
    private static final long MINUTE_MILLIS = 60_000;

    private Timeline() {
    }

    /**
     * Tiles {@code [from, to)} with recorded spans and gaps. Chunks are clipped to the window; a chunk that starts
     * within {@link ChunkIndex#GAP_TOLERANCE} of the end of what is recorded so far (or overlaps it) extends it.
     *
     * @param chunks ordered by start
     */
    static List<Span> spans(List<ChunkRecord> chunks, Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("empty window " + from + " .. " + to);
        }
        List<Span> out = new ArrayList<>();
        Instant recordedFrom = null;
        Instant recordedTo = null;
        Instant cursor = from;
        for (ChunkRecord c : chunks) {
            Instant s = max(c.start(), from);
            Instant e = min(c.end(), to);
            if (!e.isAfter(s)) {
                continue;
            }
            if (recordedTo != null && !s.isAfter(recordedTo.plus(ChunkIndex.GAP_TOLERANCE))) {
                recordedTo = max(recordedTo, e);
            } else {
                if (recordedTo != null) {
                    out.add(Span.recorded(recordedFrom, recordedTo));
                    cursor = recordedTo;
                }
                if (s.isAfter(cursor)) {
                    out.add(Span.gap(cursor, s));
                }
                recordedFrom = s;
                recordedTo = e;
            }
        }
        if (recordedTo != null) {
            out.add(Span.recorded(recordedFrom, recordedTo));
            cursor = recordedTo;
        }
        if (to.isAfter(cursor)) {
            out.add(Span.gap(cursor, to));
        }
        return out;
    }

    /** Recorded milliseconds per minute of {@code [from, to)} (whose length is whole minutes, or the last is partial). */
    static int[] coverageByMinute(List<Span> spans, Instant from, Instant to) {
        long totalMillis = Duration.between(from, to).toMillis();
        int[] minutes = new int[(int) ((totalMillis + MINUTE_MILLIS - 1) / MINUTE_MILLIS)];
        long base = from.toEpochMilli();
        for (Span span : spans) {
            if (span.kind() != Span.Kind.RECORDED) {
                continue;
            }
            long s = span.from().toEpochMilli() - base;
            long e = span.to().toEpochMilli() - base;
            while (s < e) {
                int minute = (int) (s / MINUTE_MILLIS);
                long minuteEnd = Math.min((minute + 1) * MINUTE_MILLIS, e);
                minutes[minute] += (int) (minuteEnd - s);
                s = minuteEnd;
            }
        }
        return minutes;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
