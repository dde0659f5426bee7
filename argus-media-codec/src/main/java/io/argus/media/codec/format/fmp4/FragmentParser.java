package io.argus.media.codec.format.fmp4;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Parses a moof (ISO/IEC 14496-12 §8.8.4–8.8.12) and checks it against the mdat after it: every trun has a data
 * offset relative to the moof (default-base-is-moof, no base_data_offset) and the runs tile the mdat payload
 * exactly, with no gap, overlap or spare byte.
 */
final class FragmentParser {

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

    private FragmentParser() {
    }

    /**
     * <b>Borrows</b> {@code buf}. {@code moof} must have its children read; {@code mdat} is the box after it.
     *
     * @throws Mp4FormatException if the moof is malformed or does not match the mdat
     */
    static Mp4Structure.Fragment parse(ByteBuf buf, Mp4Box moof, Mp4Box mdat) {
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
        List<Mp4Structure.Run> runs = new ArrayList<>();
        for (Mp4Box traf : children.subList(1, children.size())) {
            if (traf.type() != BoxType.TRAF) {
                throw new Mp4FormatException(traf.offset(), "unexpected " + traf.typeName() + " in moof");
            }
            parseTraf(buf, traf, moof.offset(), runs);
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

    /** Adds the traf's runs to {@code runs}. <b>Borrows</b> {@code buf}. */
    private static void parseTraf(ByteBuf buf, Mp4Box traf, long moofOffset, List<Mp4Structure.Run> runs) {
        Mp4Box tfhdBox = traf.require(BoxType.TFHD);
        BoxFields tfhd = new BoxFields(buf, tfhdBox);
        int flags = tfhd.versionAndFlags();
        if ((flags & DEFAULT_BASE_IS_MOOF) == 0 || (flags & BASE_DATA_OFFSET_PRESENT) != 0 || flags >>> 24 != 0) {
            throw new Mp4FormatException(tfhdBox.offset(), "tfhd must be version 0 with default-base-is-moof only");
        }
        int trackId = (int) tfhd.u32();
        if ((flags & SAMPLE_DESCRIPTION_INDEX_PRESENT) != 0) {
            tfhd.skip(4);
        }
        long defaultDuration = (flags & DEFAULT_DURATION_PRESENT) != 0 ? tfhd.u32() : -1;
        long defaultSize = (flags & DEFAULT_SIZE_PRESENT) != 0 ? tfhd.u32() : -1;
        int defaultFlags = (flags & DEFAULT_FLAGS_PRESENT) != 0 ? tfhd.i32() : 0;
        tfhd.expectEnd();
        Mp4Box tfdtBox = traf.require(BoxType.TFDT);
        BoxFields tfdt = new BoxFields(buf, tfdtBox);
        int version = tfdt.versionAndFlags() >>> 24;
        long decodeTime = version == 1 ? tfdt.u64() : version == 0 ? tfdt.u32() : -1;
        if (decodeTime < 0) {
            throw new Mp4FormatException(tfdtBox.offset(), "tfdt version " + version + " or time out of range");
        }
        tfdt.expectEnd();
        List<Mp4Box> truns = traf.children(BoxType.TRUN);
        if (truns.isEmpty()) {
            throw new Mp4FormatException(traf.offset(), "traf without trun");
        }
        for (Mp4Box trun : truns) {
            Mp4Structure.Run run = parseTrun(buf, trun, trackId, decodeTime, moofOffset,
                    new long[] {defaultDuration, defaultSize, defaultFlags});
            runs.add(run);
            decodeTime += run.duration();
        }
    }

    /**
     * {@code defaults}: tfhd default duration and size (-1 if absent) and default flags. <b>Borrows</b>
     * {@code buf}.
     */
    private static Mp4Structure.Run parseTrun(ByteBuf buf, Mp4Box box, int trackId, long decodeTime, long moofOffset,
                                              long[] defaults) {
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
        List<Mp4Structure.Sample> samples = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            long duration = (flags & DURATION_PRESENT) != 0 ? trun.u32() : defaults[0];
            long size = (flags & SIZE_PRESENT) != 0 ? trun.u32() : defaults[1];
            int sampleFlags = (flags & FLAGS_PRESENT) != 0 ? trun.i32()
                    : i == 0 && firstFlags ? first : (int) defaults[2];
            long offset = (flags & COMPOSITION_OFFSET_PRESENT) == 0 ? 0 : version == 0 ? trun.u32() : trun.i32();
            if (duration < 0 || size <= 0) {
                throw new Mp4FormatException(box.offset(), "sample " + i + " without a duration or with no bytes");
            }
            samples.add(new Mp4Structure.Sample(duration, size, sampleFlags, offset));
        }
        return new Mp4Structure.Run(trackId, decodeTime, dataOffset, samples);
    }
}
