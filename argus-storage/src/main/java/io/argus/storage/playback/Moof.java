package io.argus.storage.playback;

import io.argus.media.codec.format.fmp4.BoxType;
import io.argus.media.codec.format.fmp4.Mp4Box;
import io.argus.media.codec.format.fmp4.Mp4BoxReader;
import io.argus.media.codec.format.fmp4.Mp4FormatException;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongBiFunction;

/**
 * Reads the runs of a {@code moof} (ISO/IEC 14496-12 §8.8.4–8.8.12) and rewrites its sequence number and decode
 * times in place, for exports that renumber and retime stored fragments. The box sizes never change, so the trun
 * data offsets (relative to the moof, default-base-is-moof) stay right wherever the fragment lands.
 */
final class Moof {
    /** tfhd flags (§8.8.7.1). */
    private static final int BASE_DATA_OFFSET_PRESENT = 0x000001;
    private static final int SAMPLE_DESCRIPTION_INDEX_PRESENT = 0x000002;
    private static final int DEFAULT_DURATION_PRESENT = 0x000008;
    private static final int DEFAULT_SIZE_PRESENT = 0x000010;
    private static final int DEFAULT_FLAGS_PRESENT = 0x000020;
    /** trun flags (§8.8.8.1). */
    private static final int DATA_OFFSET_PRESENT = 0x000001;
    private static final int FIRST_SAMPLE_FLAGS_PRESENT = 0x000004;
    private static final int DURATION_PRESENT = 0x000100;
    private static final int SIZE_PRESENT = 0x000200;
    private static final int FLAGS_PRESENT = 0x000400;
    private static final int COMPOSITION_OFFSET_PRESENT = 0x000800;
    /** sample_is_non_sync_sample (§8.8.3.1). */
    private static final int NON_SYNC = 0x00010000;

    private Moof() {
    }

    /**
     * The runs of the moof that makes up {@code moof}'s readable bytes, one per traf (several truns of a traf are
     * one run). <b>Borrows</b> {@code moof}.
     *
     * @throws Mp4FormatException if it is not a well-formed moof
     */
    static List<FragmentRun> runs(ByteBuf moof) {
        Mp4Box box = box(moof);
        List<FragmentRun> runs = new ArrayList<>();
        for (Mp4Box traf : box.children(BoxType.TRAF)) {
            runs.add(run(moof, traf));
        }
        if (runs.isEmpty()) {
            throw new Mp4FormatException(0, "moof without traf");
        }
        return runs;
    }

    /**
     * Sets the mfhd sequence number (unless it is negative: kept) and every traf's tfdt to
     * {@code newTfdt(trackId, oldTfdt)}. <b>Borrows</b> {@code moof} and writes into it (reader and writer index
     * unchanged).
     *
     * @throws Mp4FormatException if it is not a well-formed moof, or a new decode time does not fit a version 0
     *                            tfdt (32 bits; the fMP4 writer writes version 1)
     */
    static void rewrite(ByteBuf moof, long sequenceNumber, ToLongBiFunction<Integer, Long> newTfdt) {
        Mp4Box box = box(moof);
        int base = moof.readerIndex();
        Mp4Box mfhd = box.child(BoxType.MFHD);
        if (mfhd == null || mfhd.payloadSize() != 8) {
            throw new Mp4FormatException(box.offset(), "moof without a proper mfhd");
        }
        if (sequenceNumber >= 0) {
            moof.setInt(base + (int) mfhd.payloadOffset() + 4, (int) sequenceNumber);
        }
        for (Mp4Box traf : box.children(BoxType.TRAF)) {
            int trackId = moof.getInt(base + (int) require(traf, BoxType.TFHD).payloadOffset() + 4);
            Mp4Box tfdt = require(traf, BoxType.TFDT);
            int at = base + (int) tfdt.payloadOffset();
            int version = moof.getUnsignedByte(at);
            long old = version == 1 ? moof.getLong(at + 4) : moof.getUnsignedInt(at + 4);
            long time = newTfdt.applyAsLong(trackId, old);
            if (version == 1) {
                moof.setLong(at + 4, time);
            } else if (time >= 0 && time <= 0xffff_ffffL) {
                moof.setInt(at + 4, (int) time);
            } else {
                throw new Mp4FormatException(tfdt.offset(), "decode time " + time + " does not fit a version 0 tfdt");
            }
        }
    }

    private static Mp4Box box(ByteBuf moof) {
        List<Mp4Box> boxes = Mp4BoxReader.read(moof);
        if (boxes.size() != 1 || boxes.get(0).type() != BoxType.MOOF) {
            throw new Mp4FormatException(0, "expected one moof, found " + boxes);
        }
        return boxes.get(0);
    }

    private static Mp4Box require(Mp4Box parent, int type) {
        Mp4Box b = parent.child(type);
        if (b == null) {
            throw new Mp4FormatException(parent.offset(), parent.typeName() + " without " + BoxType.name(type));
        }
        return b;
    }

    private static FragmentRun run(ByteBuf buf, Mp4Box traf) {
        int base = buf.readerIndex();
        Mp4Box tfhdBox = require(traf, BoxType.TFHD);
        int at = base + (int) tfhdBox.payloadOffset();
        int tfhdFlags = buf.getInt(at) & 0xffffff;
        int trackId = buf.getInt(at + 4);
        at += 8;
        if ((tfhdFlags & BASE_DATA_OFFSET_PRESENT) != 0) {
            at += 8;
        }
        if ((tfhdFlags & SAMPLE_DESCRIPTION_INDEX_PRESENT) != 0) {
            at += 4;
        }
        long defaultDuration = -1;
        if ((tfhdFlags & DEFAULT_DURATION_PRESENT) != 0) {
            defaultDuration = buf.getUnsignedInt(at);
            at += 4;
        }
        if ((tfhdFlags & DEFAULT_SIZE_PRESENT) != 0) {
            at += 4;
        }
        int defaultFlags = (tfhdFlags & DEFAULT_FLAGS_PRESENT) != 0 ? buf.getInt(at) : 0;
        Mp4Box tfdtBox = require(traf, BoxType.TFDT);
        int t = base + (int) tfdtBox.payloadOffset();
        long tfdt = buf.getUnsignedByte(t) == 1 ? buf.getLong(t + 4) : buf.getUnsignedInt(t + 4);
        long duration = 0;
        int samples = 0;
        Boolean firstSync = null;
        List<Mp4Box> truns = traf.children(BoxType.TRUN);
        if (truns.isEmpty()) {
            throw new Mp4FormatException(traf.offset(), "traf without trun");
        }
        for (Mp4Box trun : truns) {
            int p = base + (int) trun.payloadOffset();
            int end = base + (int) trun.end();
            int flags = buf.getInt(p) & 0xffffff;
            long count = buf.getUnsignedInt(p + 4);
            p += 8;
            if ((flags & DATA_OFFSET_PRESENT) != 0) {
                p += 4;
            }
            boolean hasFirstFlags = (flags & FIRST_SAMPLE_FLAGS_PRESENT) != 0;
            int firstFlags = 0;
            if (hasFirstFlags) {
                firstFlags = buf.getInt(p);
                p += 4;
            }
            int perSample = 4 * Integer.bitCount(flags & (DURATION_PRESENT | SIZE_PRESENT | FLAGS_PRESENT
                    | COMPOSITION_OFFSET_PRESENT));
            if (count == 0 || (long) p + count * perSample != end) {
                throw new Mp4FormatException(trun.offset(), "trun with " + count + " samples does not fill its box");
            }
            if ((flags & DURATION_PRESENT) == 0 && defaultDuration < 0) {
                throw new Mp4FormatException(trun.offset(), "trun without sample durations and no tfhd default");
            }
            for (long i = 0; i < count; i++) {
                int q = p;
                if ((flags & DURATION_PRESENT) != 0) {
                    duration += buf.getUnsignedInt(q);
                    q += 4;
                } else {
                    duration += defaultDuration;
                }
                if ((flags & SIZE_PRESENT) != 0) {
                    q += 4;
                }
                if (firstSync == null) {
                    int sampleFlags = hasFirstFlags ? firstFlags
                            : (flags & FLAGS_PRESENT) != 0 ? buf.getInt(q) : defaultFlags;
                    firstSync = (sampleFlags & NON_SYNC) == 0;
                }
                p += perSample;
            }
            samples += (int) count;
        }
        return new FragmentRun(trackId, tfdt, duration, samples, firstSync);
    }
}
