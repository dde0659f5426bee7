package io.argus.media.codec.format.fmp4;

import io.argus.media.codec.AccessUnit;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the fragments ({@code moof} + {@code mdat}, ISO/IEC 14496-12 §8.8.4–8.8.12) that follow an
 * {@link Fmp4InitSegment}, one output (file, playlist, socket) per writer. Access units go in one at a time with
 * {@link #add}; the caller decides where a fragment ends and calls {@link #flush()} or {@link #flush(int, long)}:
 * a recorder at each keyframe or every N ms, LL-HLS every 200–500 ms.
 *
 * <h2>What a fragment holds</h2>
 * One {@code traf} per track with pending samples, in track order: {@code tfhd} (default-base-is-moof),
 * {@code tfdt} (version 1, the first sample's dts) and one {@code trun} with a data offset and per-sample
 * duration, size, flags (sync for keyframes and audio, non-sync otherwise) and, when any pts differs from its
 * dts, composition offsets (version 1, signed, if any is negative). The {@code mdat} holds the tracks' samples
 * in the same order. Video samples are AVCC/HVCC: each NAL unit behind a 4-byte length; access unit delimiters
 * are dropped; SEI and in-band parameter sets are kept. AAC samples are the raw frames.
 *
 * <h2>Durations</h2>
 * A sample lasts until the next sample of its track. The last pending sample of a track has no successor yet:
 * {@link #flush(int, long)} gives the next dts of one track (the access unit that made the caller cut, added
 * right after the flush); the others, and every track on {@link #flush()}, use the duration of the sample before
 * it, or the last written one, or for a track's very first sample the AAC frame length or 1/25 s of video. The
 * next fragment's {@code tfdt} is the real next dts, so an estimate never accumulates into drift.
 *
 * <h2>Zero copy</h2>
 * The result's only new bytes are the box headers and the length prefixes (one buffer per fragment); the NAL
 * units and AAC frames are retained slices of the access units' buffers.
 *
 * <p>Not thread-safe: one writer per output, used by the thread that owns the output.
 */
public final class Fmp4FragmentWriter implements AutoCloseable {

    /** Bytes of each NAL unit length prefix: the lengthSizeMinusOne = 3 of the avcC and hvcC we write. */
    static final int NAL_LENGTH_SIZE = 4;
    /**
     * The most payload bytes one fragment may hold. mdat sizes and buffer indexes are ints here; a fragment is a
     * GOP or a part (megabytes), so a gigabyte means the caller never flushes.
     */
    public static final int MAX_FRAGMENT_PAYLOAD = 1 << 30;
    /** tfhd flag (§8.8.7.1): data offsets are relative to the start of the moof. */
    private static final int DEFAULT_BASE_IS_MOOF = 0x020000;
    /** trun flags (§8.8.8.1). */
    private static final int DATA_OFFSET_PRESENT = 0x000001;
    private static final int SAMPLE_DURATION_PRESENT = 0x000100;
    private static final int SAMPLE_SIZE_PRESENT = 0x000200;
    private static final int SAMPLE_FLAGS_PRESENT = 0x000400;
    private static final int SAMPLE_COMPOSITION_OFFSETS_PRESENT = 0x000800;
    /** Sample flags (§8.8.3.1): sample_depends_on = 2 (an I picture or an audio frame), a sync sample. */
    static final int SYNC_SAMPLE = 0x02000000;
    /** sample_depends_on = 1 and sample_is_non_sync_sample = 1: a predicted picture. */
    static final int NON_SYNC_SAMPLE = 0x01010000;
    /** moof header 8 + mfhd 16 + mdat header 8. */
    private static final int FIXED_HEADER_SIZE = 32;
    /** traf header 8 + tfhd 16 + tfdt (version 1) 20 + trun header, sample count and data offset 20. */
    private static final int TRAF_HEADER_SIZE = 64;
    /** A trun sample entry: duration, size and flags; plus the composition offset when present. */
    private static final int TRUN_ENTRY = 12;
    private static final int TRUN_ENTRY_WITH_OFFSET = 16;

    private final ByteBufAllocator alloc;
    private final TrackQueue[] tracks;
    private long sequenceNumber;
    private long pendingBytes;

    /** A writer for the tracks of an init segment, sequence numbers from 1. */
    public Fmp4FragmentWriter(List<Fmp4Track> tracks, ByteBufAllocator alloc) {
        this(tracks, 1, alloc);
    }

    /** A writer whose first fragment has sequence number {@code firstSequenceNumber} (1 to 2^32 - 1). */
    public Fmp4FragmentWriter(List<Fmp4Track> tracks, long firstSequenceNumber, ByteBufAllocator alloc) {
        if (tracks.isEmpty()) {
            throw new IllegalArgumentException("no tracks");
        }
        if (firstSequenceNumber < 1 || firstSequenceNumber > 0xffff_ffffL) {
            throw new IllegalArgumentException("sequence number out of range: " + firstSequenceNumber);
        }
        this.alloc = alloc;
        this.tracks = new TrackQueue[tracks.size()];
        for (int i = 0; i < tracks.size(); i++) {
            if (tracks.get(i).trackId() != i + 1) {
                throw new IllegalArgumentException("track " + i + " must have track_ID " + (i + 1));
            }
            this.tracks[i] = new TrackQueue(tracks.get(i));
        }
        this.sequenceNumber = firstSequenceNumber;
    }

    /**
     * Queues an access unit for the next fragment. <b>Takes ownership</b> of {@code au}: it is released when the
     * fragment is written, or now if rejected.
     *
     * @return false (the unit released and dropped; count it) if its dts is not after the track's last one, jumps
     *         by 2^32 ticks or more (13 hours at 90 kHz), its pts - dts does not fit 32 bits, or it
     *         has no payload (an AUD alone)
     * @throws IllegalArgumentException if its track is not one of this writer's or has another codec (a format
     *                                  change needs a new init segment and writer)
     * @throws IllegalStateException    if the pending payload would pass {@link #MAX_FRAGMENT_PAYLOAD}
     */
    public boolean add(AccessUnit au) {
        int t = au.track();
        if (t < 0 || t >= tracks.length || tracks[t].codec != au.codec()) {
            au.release();
            throw new IllegalArgumentException("access unit of track " + t + " (" + au.codec()
                    + ") does not belong to this writer");
        }
        TrackQueue q = tracks[t];
        if (!q.accepts(au)) {
            au.release();
            return false;
        }
        int size = q.sampleSize(au);
        if (pendingBytes + size > MAX_FRAGMENT_PAYLOAD) {
            au.release();
            throw new IllegalStateException("fragment payload over " + MAX_FRAGMENT_PAYLOAD + " bytes: flush first");
        }
        pendingBytes += size;
        q.add(au);
        return true;
    }

    /** Whether any access unit waits for a fragment. */
    public boolean hasPending() {
        return pendingBytes > 0;
    }

    /** Payload bytes waiting (length prefixes included). */
    public long pendingBytes() {
        return pendingBytes;
    }

    /** Samples of {@code track} waiting. */
    public int pendingSamples(int track) {
        return tracks[track].pending.size();
    }

    /**
     * Ticks of {@code track} from the first pending sample's dts to the last one's; the last sample's own
     * duration is not known yet and not included. 0 with fewer than two samples.
     */
    public long pendingDuration(int track) {
        List<AccessUnit> p = tracks[track].pending;
        return p.size() < 2 ? 0 : p.get(p.size() - 1).dts() - p.get(0).dts();
    }

    /** The sequence number the next fragment gets. */
    public long nextSequenceNumber() {
        return sequenceNumber;
    }

    /**
     * Writes every pending sample as one fragment; last-sample durations are estimated (see the class comment).
     * The caller owns the result.
     *
     * @throws IllegalStateException if nothing is pending
     */
    public Fmp4Fragment flush() {
        return flush(-1, 0, false);
    }

    /**
     * As {@link #flush()}, with the dts of {@code track}'s next sample known, which gives its last pending sample
     * an exact duration. A recorder that cuts before a keyframe calls {@code flush(key.track(), key.dts())} and
     * then {@code add(key)}.
     */
    public Fmp4Fragment flush(int track, long nextDts) {
        if (track < 0 || track >= tracks.length) {
            throw new IllegalArgumentException("no track " + track);
        }
        return flush(track, nextDts, true);
    }

    private Fmp4Fragment flush(int nextTrack, long nextDts, boolean known) {
        if (!hasPending()) {
            throw new IllegalStateException("no pending access units");
        }
        long[][] durations = new long[tracks.length][];
        int headerSize = FIXED_HEADER_SIZE;
        int components = 1;
        for (TrackQueue q : tracks) {
            int n = q.pending.size();
            if (n == 0) {
                continue;
            }
            durations[q.track] = new long[n];
            for (int i = 0; i < n; i++) {
                durations[q.track][i] = q.duration(i, nextDts, known && q.track == nextTrack);
            }
            headerSize += TRAF_HEADER_SIZE + n * (hasCompositionOffsets(q) ? TRUN_ENTRY_WITH_OFFSET : TRUN_ENTRY);
            int c = q.componentCount();
            components += c;
            headerSize += q.video ? NAL_LENGTH_SIZE * (c / 2) : 0;
        }
        ByteBuf header = alloc.buffer(headerSize, headerSize);
        List<Fmp4Fragment.Run> runs = new ArrayList<>();
        int mdatEnd = writeMoof(header, durations, runs);
        ByteBuf[] parts = new ByteBuf[components];
        parts[0] = header.retainedSlice(0, mdatEnd);
        int k = 1;
        for (TrackQueue q : tracks) {
            for (AccessUnit au : q.pending) {
                k = addPayload(q, au, header, parts, k);
            }
            if (!q.pending.isEmpty()) {
                q.written(durations[q.track][q.pending.size() - 1]);
            }
        }
        header.release();
        CompositeByteBuf content = alloc.compositeBuffer(parts.length);
        content.addComponents(true, parts);
        pendingBytes = 0;
        return new Fmp4Fragment(content, sequenceNumber++, List.copyOf(runs));
    }

    /**
     * Writes moof and the mdat header into {@code out} (<b>borrowed</b>); returns where the mdat header ends (the
     * prefixes follow).
     */
    private int writeMoof(ByteBuf out, long[][] durations, List<Fmp4Fragment.Run> runs) {
        int moof = Boxes.begin(out, BoxType.MOOF);
        int mfhd = Boxes.beginFull(out, BoxType.MFHD, 0, 0);
        out.writeInt((int) sequenceNumber);
        Boxes.end(out, mfhd);
        int[] dataOffsetAt = new int[tracks.length];
        long[] trackBytes = new long[tracks.length];
        for (TrackQueue q : tracks) {
            if (q.pending.isEmpty()) {
                continue;
            }
            dataOffsetAt[q.track] = writeTraf(out, q, durations[q.track], runs);
            for (AccessUnit au : q.pending) {
                trackBytes[q.track] += q.sampleSize(au);
            }
        }
        Boxes.end(out, moof);
        long dataOffset = out.writerIndex() - moof + Boxes.HEADER_SIZE;
        out.writeInt((int) (Boxes.HEADER_SIZE + pendingBytes));
        out.writeInt(BoxType.MDAT);
        for (TrackQueue q : tracks) {
            if (!q.pending.isEmpty()) {
                out.setInt(dataOffsetAt[q.track], (int) dataOffset);
                dataOffset += trackBytes[q.track];
            }
        }
        return out.writerIndex();
    }

    /**
     * Writes one traf into {@code out} (<b>borrowed</b>); returns the index of its trun data_offset, patched once
     * the moof size is known.
     */
    private static int writeTraf(ByteBuf out, TrackQueue q, long[] durations, List<Fmp4Fragment.Run> runs) {
        int traf = Boxes.begin(out, BoxType.TRAF);
        int tfhd = Boxes.beginFull(out, BoxType.TFHD, 0, DEFAULT_BASE_IS_MOOF);
        out.writeInt(q.track + 1);
        Boxes.end(out, tfhd);
        long base = q.pending.get(0).dts();
        int tfdt = Boxes.beginFull(out, BoxType.TFDT, 1, 0);
        out.writeLong(base);
        Boxes.end(out, tfdt);
        boolean offsets = hasCompositionOffsets(q);
        boolean negative = q.pending.stream().anyMatch(au -> au.pts() < au.dts());
        int flags = DATA_OFFSET_PRESENT | SAMPLE_DURATION_PRESENT | SAMPLE_SIZE_PRESENT | SAMPLE_FLAGS_PRESENT
                | (offsets ? SAMPLE_COMPOSITION_OFFSETS_PRESENT : 0);
        int trun = Boxes.beginFull(out, BoxType.TRUN, negative ? 1 : 0, flags);
        out.writeInt(q.pending.size());
        int dataOffsetAt = out.writerIndex();
        out.writeInt(0);
        long total = 0;
        for (int i = 0; i < q.pending.size(); i++) {
            AccessUnit au = q.pending.get(i);
            out.writeInt((int) durations[i]);
            out.writeInt(q.sampleSize(au));
            out.writeInt(!q.video || au.keyframe() ? SYNC_SAMPLE : NON_SYNC_SAMPLE);
            if (offsets) {
                out.writeInt((int) (au.pts() - au.dts()));
            }
            total += durations[i];
        }
        Boxes.end(out, trun);
        Boxes.end(out, traf);
        boolean key = !q.video || q.pending.get(0).keyframe();
        runs.add(new Fmp4Fragment.Run(q.track, q.timescale, base, total, q.pending.size(), key));
        return dataOffsetAt;
    }

    private static boolean hasCompositionOffsets(TrackQueue q) {
        return q.pending.stream().anyMatch(au -> au.pts() != au.dts());
    }

    /**
     * Adds the sample's prefixes (written into {@code header}, <b>borrowed</b>) and retained slices of its units
     * (<b>borrowed</b> from {@code au}; each slice is a new reference owned by {@code parts}) to {@code parts}.
     */
    private static int addPayload(TrackQueue q, AccessUnit au, ByteBuf header, ByteBuf[] parts, int k) {
        for (int i = 0; i < au.unitCount(); i++) {
            ByteBuf unit = au.unit(i);
            if (q.video && q.keeps(unit)) {
                int at = header.writerIndex();
                header.writeInt(unit.readableBytes());
                parts[k++] = header.retainedSlice(at, NAL_LENGTH_SIZE);
                parts[k++] = unit.retainedSlice();
            } else if (!q.video && unit.isReadable()) {
                parts[k++] = unit.retainedSlice();
            }
        }
        return k;
    }

    /** Releases the pending access units without writing them (the output closed). */
    @Override
    public void close() {
        for (TrackQueue q : tracks) {
            q.release();
        }
        pendingBytes = 0;
    }
}
