package io.argus.media.codec.format.fmp4;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads a moof (ISO/IEC 14496-12 §8.8.4–8.8.12) and checks it against the mdat after it, without reading a payload
 * byte: one {@link Mp4Structure.Run} per traf (its truns, which must lie back to back in the mdat, as one run), with
 * every sample's duration, size, flags and composition offset. Every trun has a data offset relative to the moof
 * (default-base-is-moof, no base_data_offset) and the runs tile the mdat payload exactly, with no gap, overlap or
 * spare byte. {@link Mp4Structure} reads whole files with it; playback reads the moofs of stored chunks.
 */
public final class Fmp4FragmentReader {

    /** tfhd flags (§8.8.7.1). */
    private static final int BASE_DATA_OFFSET_PRESENT = 0x000001;
    private static final int SAMPLE_DESCRIPTION_INDEX_PRESENT = 0x000002;
    private static final int DEFAULT_DURATION_PRESENT = 0x000008;
    private static final int DEFAULT_SIZE_PRESENT = 0x000010;
    private static final int DEFAULT_FLAGS_PRESENT = 0x000020;
    private static final int DEFAULT_BASE_IS_MOOF = 0x020000;
    /** trun flags (§8.8.8.1). */
    private static final int DATA_OFFSET_PRESENT = 0x000001;
    private static final int FIRST_SAMPLE_FLAGS_PRESENT = 0x000004;
    private static final int DURATION_PRESENT = 0x000100;
    private static final int SIZE_PRESENT = 0x000200;
    private static final int FLAGS_PRESENT = 0x000400;
    private static final int COMPOSITION_OFFSET_PRESENT = 0x000800;
    private static final int FLAGS_MASK = 0xffffff;
    /**
     * The most samples one trun may declare. A fragment is a GOP or a part, seconds long; a million samples is over
     * five hours of 48 kHz AAC frames. More is damage, and a trun without per-sample fields could otherwise declare
     * four billion samples in 12 bytes.
     */
    static final long MAX_RUN_SAMPLES = 1_000_000;

    /** What a tfhd says (§8.8.7): the track and the defaults of its samples (-1 where absent). */
    record Tfhd(int trackId, long defaultDuration, long defaultSize, int defaultFlags) {
    }

    private Fmp4FragmentReader() {
    }

    /**
     * Reads the moof that makes up {@code moof}'s readable bytes and checks it against the mdat right after it,
     * whose header ({@code mdatHeaderSize}: 8, or 16 with a largesize) and size are given: the mdat itself is not
     * read. Offsets in the result count from the moof's start. <b>Borrows</b> {@code moof}; its indexes do not move.
     *
     * @throws Mp4FormatException if the bytes are not one well-formed moof, or it does not match the mdat
     */
    public static Mp4Structure.Fragment read(ByteBuf moof, int mdatHeaderSize, long mdatSize) {
        Mp4Box box = single(moof);
        if (mdatHeaderSize < Boxes.HEADER_SIZE || mdatSize < mdatHeaderSize) {
            throw new Mp4FormatException(box.end(), "an mdat of " + mdatSize + " bytes with a header of "
                    + mdatHeaderSize);
        }
        return read(moof, box, new Mp4Box(BoxType.MDAT, box.end(), mdatSize, mdatHeaderSize, List.of()));
    }

    /**
     * <b>Borrows</b> {@code buf}. {@code moof} must have its children read; {@code mdat} is the box after it.
     *
     * @throws Mp4FormatException if the moof is malformed or does not match the mdat
     */
    static Mp4Structure.Fragment read(ByteBuf buf, Mp4Box moof, Mp4Box mdat) {
        long sequence = sequenceNumber(buf, moof);
        List<Mp4Structure.Run> runs = new ArrayList<>();
        for (Mp4Box traf : trafs(moof)) {
            runs.add(readTraf(buf, traf, moof.offset()));
        }
        if (runs.isEmpty()) {
            throw new Mp4FormatException(moof.offset(), "moof without track runs");
        }
        List<Mp4Structure.Run> byOffset = new ArrayList<>(runs);
        byOffset.sort(Comparator.comparingLong(Mp4Structure.Run::dataOffset));
        long pos = mdat.payloadOffset();
        for (Mp4Structure.Run r : byOffset) {
            if (r.dataOffset() != pos) {
                throw new Mp4FormatException(moof.offset(), "run of track " + r.trackId() + " starts at "
                        + r.dataOffset() + ", expected " + pos + " (mdat payload " + mdat.payloadOffset() + ")");
            }
            pos += r.dataSize();
        }
        if (pos != mdat.end()) {
            throw new Mp4FormatException(mdat.offset(), "sample sizes end at " + pos + ", mdat at " + mdat.end());
        }
        return new Mp4Structure.Fragment(moof.offset(), mdat.end(), sequence, runs);
    }

    /** The one moof that {@code buf}'s readable bytes are, with its children. <b>Borrows</b> {@code buf}. */
    static Mp4Box single(ByteBuf buf) {
        List<Mp4Box> boxes = Mp4BoxReader.read(buf);
        if (boxes.size() != 1 || boxes.get(0).type() != BoxType.MOOF) {
            throw new Mp4FormatException(0, "expected one moof, found " + boxes);
        }
        return boxes.get(0);
    }

    /** The mfhd sequence number (§8.8.5), checking the mfhd comes first. <b>Borrows</b> {@code buf}. */
    static long sequenceNumber(ByteBuf buf, Mp4Box moof) {
        List<Mp4Box> children = moof.children();
        if (children.isEmpty() || children.get(0).type() != BoxType.MFHD) {
            throw new Mp4FormatException(moof.offset(), "moof does not start with mfhd");
        }
        BoxFields mfhd = new BoxFields(buf, children.get(0));
        if (mfhd.versionAndFlags() != 0) {
            throw new Mp4FormatException(moof.offset(), "mfhd version/flags not 0");
        }
        long sequence = mfhd.u32();
        mfhd.expectEnd();
        return sequence;
    }

    /** The moof's children after the mfhd: trafs only. */
    static List<Mp4Box> trafs(Mp4Box moof) {
        List<Mp4Box> children = moof.children();
        List<Mp4Box> trafs = children.subList(Math.min(1, children.size()), children.size());
        for (Mp4Box traf : trafs) {
            if (traf.type() != BoxType.TRAF) {
                throw new Mp4FormatException(traf.offset(), "unexpected " + traf.typeName() + " in moof");
            }
        }
        return trafs;
    }

    /** The traf's tfhd: version 0 with default-base-is-moof and no base data offset. <b>Borrows</b> {@code buf}. */
    static Tfhd tfhd(ByteBuf buf, Mp4Box traf) {
        Mp4Box box = traf.require(BoxType.TFHD);
        BoxFields tfhd = new BoxFields(buf, box);
        int flags = tfhd.versionAndFlags();
        if ((flags & DEFAULT_BASE_IS_MOOF) == 0 || (flags & BASE_DATA_OFFSET_PRESENT) != 0 || flags >>> 24 != 0) {
            throw new Mp4FormatException(box.offset(), "tfhd must be version 0 with default-base-is-moof only");
        }
        int trackId = (int) tfhd.u32();
        if ((flags & SAMPLE_DESCRIPTION_INDEX_PRESENT) != 0) {
            tfhd.skip(4);
        }
        long defaultDuration = (flags & DEFAULT_DURATION_PRESENT) != 0 ? tfhd.u32() : -1;
        long defaultSize = (flags & DEFAULT_SIZE_PRESENT) != 0 ? tfhd.u32() : -1;
        int defaultFlags = (flags & DEFAULT_FLAGS_PRESENT) != 0 ? tfhd.i32() : 0;
        tfhd.expectEnd();
        return new Tfhd(trackId, defaultDuration, defaultSize, defaultFlags);
    }

    /** The decode time of a tfdt (§8.8.12), version 0 or 1. <b>Borrows</b> {@code buf}. */
    static long decodeTime(ByteBuf buf, Mp4Box tfdtBox) {
        BoxFields tfdt = new BoxFields(buf, tfdtBox);
        int version = tfdt.versionAndFlags() >>> 24;
        long decodeTime = version == 1 ? tfdt.u64() : version == 0 ? tfdt.u32() : -1;
        if (decodeTime < 0) {
            throw new Mp4FormatException(tfdtBox.offset(), "tfdt version " + version + " or time out of range");
        }
        tfdt.expectEnd();
        return decodeTime;
    }

    /** The traf's truns as one run. <b>Borrows</b> {@code buf}. */
    private static Mp4Structure.Run readTraf(ByteBuf buf, Mp4Box traf, long moofOffset) {
        Tfhd tfhd = tfhd(buf, traf);
        long decodeTime = decodeTime(buf, traf.require(BoxType.TFDT));
        List<Mp4Box> truns = traf.children(BoxType.TRUN);
        if (truns.isEmpty()) {
            throw new Mp4FormatException(traf.offset(), "traf without trun");
        }
        List<Mp4Structure.Sample> samples = new ArrayList<>();
        long dataOffset = -1;
        long dataEnd = -1;
        for (Mp4Box trun : truns) {
            int first = samples.size();
            long at = readTrun(buf, trun, tfhd, moofOffset, samples);
            if (dataOffset < 0) {
                dataOffset = at;
            } else if (at != dataEnd) {
                throw new Mp4FormatException(trun.offset(), "trun of track " + tfhd.trackId() + " starts at " + at
                        + ", not where the traf's trun before it ended (" + dataEnd + ")");
            }
            dataEnd = at;
            for (Mp4Structure.Sample s : samples.subList(first, samples.size())) {
                dataEnd += s.size();
            }
        }
        return new Mp4Structure.Run(tfhd.trackId(), decodeTime, dataOffset, samples);
    }

    /**
     * Adds the trun's samples to {@code samples}; returns where its data starts (from the start of the bytes read).
     * <b>Borrows</b> {@code buf}.
     */
    private static long readTrun(ByteBuf buf, Mp4Box box, Tfhd tfhd, long moofOffset,
                                 List<Mp4Structure.Sample> samples) {
        BoxFields trun = new BoxFields(buf, box);
        int versionAndFlags = trun.versionAndFlags();
        int version = versionAndFlags >>> 24;
        int flags = versionAndFlags & FLAGS_MASK;
        long count = trun.u32();
        int perSample = 4 * Integer.bitCount(flags & (DURATION_PRESENT | SIZE_PRESENT | FLAGS_PRESENT
                | COMPOSITION_OFFSET_PRESENT));
        long expected = 4L * Integer.bitCount(flags & (DATA_OFFSET_PRESENT | FIRST_SAMPLE_FLAGS_PRESENT))
                + count * perSample;
        if ((flags & DATA_OFFSET_PRESENT) == 0 || count == 0 || count > MAX_RUN_SAMPLES || version > 1
                || trun.remaining() != expected) {
            throw new Mp4FormatException(box.offset(), "trun needs version 0/1, a data offset, 1 to "
                    + MAX_RUN_SAMPLES + " samples (has " + count + ") and exactly " + expected
                    + " bytes of fields (has " + trun.remaining() + ")");
        }
        long dataOffset = moofOffset + trun.i32();
        boolean firstFlags = (flags & FIRST_SAMPLE_FLAGS_PRESENT) != 0;
        int first = firstFlags ? trun.i32() : 0;
        for (long i = 0; i < count; i++) {
            long duration = (flags & DURATION_PRESENT) != 0 ? trun.u32() : tfhd.defaultDuration();
            long size = (flags & SIZE_PRESENT) != 0 ? trun.u32() : tfhd.defaultSize();
            int sampleFlags = (flags & FLAGS_PRESENT) != 0 ? trun.i32()
                    : i == 0 && firstFlags ? first : tfhd.defaultFlags();
            long offset = (flags & COMPOSITION_OFFSET_PRESENT) == 0 ? 0 : version == 0 ? trun.u32() : trun.i32();
            if (duration < 0 || size <= 0) {
                throw new Mp4FormatException(box.offset(), "sample " + i + " without a duration or with no bytes");
            }
            samples.add(new Mp4Structure.Sample(duration, size, sampleFlags, offset));
        }
        return dataOffset;
    }
}
