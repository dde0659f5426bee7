package io.argus.storage.playback;

import io.argus.media.codec.format.fmp4.Fmp4FragmentRewriter;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.chunk.ReadableChunk;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.time.Instant;

/**
 * A stored chunk as playback serves it: its bytes, except that every moof's decode times are moved onto the wall
 * clock, {@code tfdt' = chunk start (in the track's timescale, since the Unix epoch) + (tfdt - the track's first
 * tfdt in the chunk)}. Sizes do not change, so byte ranges (HLS segments, {@code Range} requests) stay valid.
 *
 * <p>Why: a camera's own timestamps restart when it reconnects, so chunk after chunk they may jump backwards, and
 * players that do not reset their timeline at an HLS discontinuity (ffmpeg's HLS reader drops the GOP after such a
 * jump) lose video; on the wall clock, every playlist's timeline only moves forward, and a gap is a gap in time.
 * The mdat payloads are sent from the file as they are ({@link MediaOutput#write(ReadableChunk, long, long)});
 * only moofs (a few hundred bytes each) pass through memory.
 */
public final class WallClockChunk {
    private final ChunkRecord record;
    private final ChunkMedia media;
    private final boolean open;

    /**
     * @param open whether the chunk is still being recorded: it is then served as far as {@code media} maps it,
     *             which is never beyond what is written, though the file may have grown since
     */
    public WallClockChunk(ChunkRecord record, ChunkMedia media, boolean open) {
        this.record = record;
        this.media = media;
        this.open = open;
    }

    public ChunkRecord record() {
        return record;
    }

    /** Whether the chunk is still being recorded, so what is served of it grows (nothing to cache). */
    public boolean open() {
        return open;
    }

    /** The size served: the same as the stored file's, or for a chunk being recorded, up to its last mapped fragment. */
    public long size(ReadableChunk file) {
        return open ? media.end() : file.size();
    }

    /** The wall-clock decode time of a run of {@code trackId} whose stored tfdt is {@code tfdt}. */
    public long wallTfdt(int trackId, long tfdt) {
        return ticksSinceEpoch(record.start(), media.timescale(trackId)) + tfdt - media.firstTfdt(trackId);
    }

    static long ticksSinceEpoch(Instant t, long timescale) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), timescale),
                Ticks.fromNanos(t.getNano(), timescale));
    }

    /**
     * Sends bytes {@code [offset, offset + length)} of the served chunk: the file's own bytes, moofs retimed.
     *
     * @param file the chunk open from its store ({@code record().location()})
     */
    public void write(ReadableChunk file, long offset, long length, MediaOutput out, ByteBufAllocator alloc)
            throws IOException {
        long end = offset + length;
        if (offset < 0 || length < 0 || end > size(file)) {
            throw new IllegalArgumentException("range " + offset + "+" + length + " outside " + size(file)
                    + " bytes");
        }
        long pos = offset;
        for (ChunkFragment f : media.fragments()) {
            if (pos >= end) {
                break;
            }
            long moofEnd = f.mdatOffset();
            if (moofEnd <= pos) {
                continue;
            }
            if (pos < f.offset()) {
                long n = Math.min(f.offset(), end) - pos;
                out.write(file, pos, n);
                pos += n;
                if (pos >= end) {
                    break;
                }
            }
            ByteBuf moof = file.read(f.offset(), Math.toIntExact(f.moofSize()), alloc);
            try {
                Fmp4FragmentRewriter.rewrite(moof, -1, this::wallTfdt);
                int from = (int) (pos - f.offset());
                int to = (int) (Math.min(moofEnd, end) - f.offset());
                out.write(moof.slice(moof.readerIndex() + from, to - from));
                pos = f.offset() + to;
            } finally {
                moof.release();
            }
        }
        if (pos < end) {
            out.write(file, pos, end - pos);
        }
    }
}
