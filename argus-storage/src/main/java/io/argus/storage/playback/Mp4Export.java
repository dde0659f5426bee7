package io.argus.storage.playback;

import io.argus.media.codec.format.fmp4.BoxType;
import io.argus.media.codec.format.fmp4.Fmp4FragmentRewriter;
import io.argus.media.codec.format.fmp4.Mp4Box;
import io.argus.media.codec.format.fmp4.Mp4BoxReader;
import io.argus.media.codec.format.fmp4.Mp4FormatException;
import io.argus.media.codec.format.fmp4.Mp4Structure;
import io.argus.storage.chunk.ReadableChunk;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A progressive fragmented MP4 of a recorded range, planned from chunk maps alone and then streamed: one init
 * segment (the first chunk's, with a {@code mehd} giving the total duration, ISO/IEC 14496-12 §8.8.2) and the
 * range's fragments from every chunk (of a chunk still being recorded, those written). Each moof is read and
 * rewritten (sequence numbers from 1; decode times shifted so the timeline runs from 0 without a jump across chunks
 * and gaps, a gap being left out), and each mdat goes from the store to the output as it is
 * ({@link MediaOutput#write(ReadableChunk, long, long)}: no heap copy).
 * The size is known before the first byte, and the first byte goes out at once, however long the range.
 *
 * <p>Trimming is at GOP granularity: the export begins with the GOP that holds {@code from} (its keyframe at or
 * before {@code from}, nothing before that keyframe) and ends with the fragment that holds {@code to}.
 *
 * <p>One init segment describes every sample, so every chunk must have the same tracks and sample descriptions;
 * a range across a format change (codec, resolution, parameter sets, tracks) fails with
 * {@link PlaybackException.Reason#FORMAT_CHANGE} before anything is sent, naming where to split.
 */
public final class Mp4Export {
    /** mehd version 1: header 8, version and flags 4, fragment_duration 8. */
    private static final int MEHD_SIZE = 20;
    /** The movie timescale of the init segments we write (mvhd, mehd): milliseconds. */
    private static final long MOVIE_TIMESCALE = 1000;

    /** One fragment of the output and the decode time each of its tracks gets. */
    private record Planned(TimedFragment fragment, long sequenceNumber, Map<Integer, Long> tfdt) {
    }

    private final byte[] init;
    private final List<Planned> fragments;
    private final Duration duration;
    private final long contentLength;

    private Mp4Export(byte[] init, List<Planned> fragments, Duration duration) {
        this.init = init;
        this.fragments = fragments;
        this.duration = duration;
        long length = init.length;
        for (Planned p : fragments) {
            length += p.fragment().fragment().size();
        }
        this.contentLength = length;
    }

    /**
     * Plans the export of the GOPs that overlap {@code [from, to)} (in order; see {@link Playback#gops}). Reads the
     * first chunk's init segment.
     *
     * @throws PlaybackException {@link PlaybackException.Reason#NOTHING_RECORDED} if no fragment starts before
     *                           {@code to}, {@link PlaybackException.Reason#FORMAT_CHANGE} across a format change
     */
    public static Mp4Export plan(ChunkSource source, List<Gop> gops, Instant from, Instant to, ByteBufAllocator alloc)
            throws IOException {
        List<TimedFragment> selected = new ArrayList<>();
        for (Gop g : gops) {
            for (TimedFragment f : g.fragments()) {
                if (f.start().isBefore(to)) {
                    selected.add(f);
                }
            }
        }
        if (selected.isEmpty()) {
            throw PlaybackException.nothingRecorded(from, to);
        }
        ChunkMedia first = selected.get(0).media();
        for (Gop g : gops) {
            ChunkMedia m = g.media();
            if (!m.formatSignature().equals(first.formatSignature()) || !m.tracks().equals(first.tracks())) {
                throw new PlaybackException(PlaybackException.Reason.FORMAT_CHANGE, "the recording changes format at "
                        + g.start() + " (" + first.describe() + " before, " + m.describe() + " after): one MP4 "
                        + "cannot hold both; export up to " + g.start() + " and from " + g.start() + " separately",
                        g.start());
            }
        }
        List<Planned> planned = retime(selected, first.tracks());
        Duration duration = Duration.ZERO;
        for (Planned p : planned) {
            for (FragmentRun r : p.fragment().fragment().runs()) {
                long endTicks = p.tfdt().get(r.trackId()) + r.duration();
                duration = max(duration, Duration.ofNanos(Ticks.toNanos(endTicks, first.timescale(r.trackId()))));
            }
        }
        ByteBuf initBytes;
        try (ReadableChunk chunk = source.open(selected.get(0).chunk())) {
            initBytes = chunk.read(0, Math.toIntExact(first.initSize()), alloc);
        }
        try {
            return new Mp4Export(withMehd(initBytes, Ticks.fromNanos(duration.toNanos() + 500_000,
                    MOVIE_TIMESCALE)), planned, duration);
        } finally {
            initBytes.release();
        }
    }

    /**
     * Gives every run its output decode time: a chunk's fragments keep their spacing; the first selected fragment
     * of each chunk starts where the previous chunk's output ended (its longest track), so the output has no jump;
     * per track, a time never goes below the end of that track's previous run.
     */
    private static List<Planned> retime(List<TimedFragment> selected, List<Mp4Structure.Track> tracks) {
        Map<Integer, Long> cursor = new HashMap<>();
        Map<Integer, Long> shift = new HashMap<>();
        List<Planned> out = new ArrayList<>(selected.size());
        String chunk = null;
        long sequence = 1;
        for (TimedFragment tf : selected) {
            ChunkMedia m = tf.media();
            if (!m.location().equals(chunk)) {
                chunk = m.location();
                long baseNanos = 0;
                for (Map.Entry<Integer, Long> c : cursor.entrySet()) {
                    baseNanos = Math.max(baseNanos, Ticks.toNanos(c.getValue(), m.timescale(c.getKey())));
                }
                long startNanos = Duration.between(tf.chunk().start(), tf.start()).toNanos();
                for (Mp4Structure.Track t : tracks) {
                    long ts = t.timescale();
                    shift.put(t.trackId(), Ticks.fromNanos(baseNanos, ts) - m.firstTfdt(t.trackId())
                            - Ticks.fromNanos(startNanos, ts));
                }
            }
            Map<Integer, Long> tfdt = new HashMap<>();
            for (FragmentRun r : tf.fragment().runs()) {
                long t = Math.max(cursor.getOrDefault(r.trackId(), 0L), r.baseMediaDecodeTime() + shift.get(r.trackId()));
                tfdt.put(r.trackId(), t);
                cursor.put(r.trackId(), t + r.duration());
            }
            out.add(new Planned(tf, sequence++, Map.copyOf(tfdt)));
        }
        return List.copyOf(out);
    }

    /**
     * The init segment with a {@code mehd} of {@code millis} as the first box of its {@code mvex} (replacing one
     * that is there). <b>Borrows</b> {@code init}.
     */
    static byte[] withMehd(ByteBuf init, long millis) {
        List<Mp4Box> boxes = Mp4BoxReader.read(init);
        if (boxes.size() != 2 || boxes.get(1).type() != BoxType.MOOV) {
            throw new Mp4FormatException(0, "an init segment is ftyp and moov: " + boxes);
        }
        Mp4Box moov = boxes.get(1);
        Mp4Box mvex = moov.child(BoxType.MVEX);
        if (mvex == null) {
            throw new Mp4FormatException(moov.offset(), "moov without mvex: not a fragmented MP4");
        }
        Mp4Box old = mvex.child(BoxType.MEHD);
        int cutFrom = (int) (old != null ? old.offset() : mvex.payloadOffset());
        int cutTo = (int) (old != null ? old.end() : mvex.payloadOffset());
        byte[] src = ByteBufUtil.getBytes(init);
        int delta = MEHD_SIZE - (cutTo - cutFrom);
        ByteBuf out = Unpooled.buffer(src.length + delta);
        out.writeBytes(src, 0, cutFrom);
        out.writeInt(MEHD_SIZE).writeInt(BoxType.MEHD).writeInt(1 << 24).writeLong(millis);
        out.writeBytes(src, cutTo, src.length - cutTo);
        out.setInt((int) moov.offset(), (int) moov.size() + delta);
        out.setInt((int) mvex.offset(), (int) mvex.size() + delta);
        return out.array();
    }

    /** Bytes the export will have: the {@code Content-Length}. */
    public long contentLength() {
        return contentLength;
    }

    /** The duration of the output: the recorded time in the range (gaps left out), at GOP granularity. */
    public Duration duration() {
        return duration;
    }

    /** Wall time of the first frame (a keyframe at or before the requested start). */
    public Instant start() {
        return fragments.get(0).fragment().start();
    }

    /** Wall time just past the last frame. */
    public Instant end() {
        return fragments.get(fragments.size() - 1).fragment().end();
    }

    public int fragmentCount() {
        return fragments.size();
    }

    /**
     * Streams the export to {@code out}: the init segment, then per fragment its rewritten moof and its mdat
     * straight from the store.
     */
    public void writeTo(ChunkSource source, MediaOutput out, ByteBufAllocator alloc) throws IOException {
        ByteBuf initBuf = Unpooled.wrappedBuffer(init);
        try {
            out.write(initBuf);
        } finally {
            initBuf.release();
        }
        ReadableChunk open = null;
        try {
            for (Planned p : fragments) {
                String location = p.fragment().chunk().location();
                if (open == null || !open.location().equals(location)) {
                    if (open != null) {
                        open.close();
                        open = null;
                    }
                    open = source.open(p.fragment().chunk());
                }
                ChunkFragment f = p.fragment().fragment();
                ByteBuf moof = open.read(f.offset(), Math.toIntExact(f.moofSize()), alloc);
                try {
                    Fmp4FragmentRewriter.rewrite(moof, p.sequenceNumber(), (track, old) -> p.tfdt().get(track));
                    out.write(moof);
                } finally {
                    moof.release();
                }
                out.write(open, f.mdatOffset(), f.size() - f.moofSize());
            }
        } finally {
            if (open != null) {
                open.close();
            }
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
