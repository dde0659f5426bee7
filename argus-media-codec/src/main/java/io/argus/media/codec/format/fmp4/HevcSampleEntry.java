package io.argus.media.codec.format.fmp4;

import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.h265.H265NalType;
import io.argus.media.codec.h265.H265Sps;
import io.argus.media.codec.h265.H265SpsParser;
import io.netty.buffer.ByteBuf;

/**
 * The {@code hvc1} sample entry with its HEVCDecoderConfigurationRecord ({@code hvcC}, ISO/IEC 14496-15
 * §8.3.3.1). {@code hvc1} rather than {@code hev1} because Safari and Apple's HLS play only {@code hvc1}. As
 * {@code hvc1} requires (§8.4.1.1.1), the VPS, SPS and PPS arrays are marked complete; the copies cameras repeat
 * in band before each IRAP are kept in the samples, as ffmpeg does when it remuxes such a stream to {@code hvc1},
 * because decoders (ffmpeg, Safari, Chrome) accept identical repeats and a recorder starts a new init segment
 * when the parameter sets change.
 */
record HevcSampleEntry(byte[] vps, byte[] sps, byte[] pps, HevcProfile profile, H265Sps info) implements SampleEntry {

    /** min_spatial_segmentation_idc = 0 (unknown) under its four reserved 1 bits. */
    private static final int NO_SPATIAL_SEGMENTATION = 0xf000;
    /** parallelismType = 0 (unknown) under six reserved 1 bits. */
    private static final int UNKNOWN_PARALLELISM = 0xfc;
    /** lengthSizeMinusOne = 3: 4-byte NAL length prefixes, as the fragment writer writes. */
    private static final int LENGTH_SIZE_MINUS_ONE = 3;
    /** numOfArrays: one each for the VPS, the SPS and the PPS. */
    private static final int PARAMETER_SET_ARRAYS = 3;
    /** array_completeness: every parameter set of this type is in the array (required for {@code hvc1}). */
    private static final int ARRAY_COMPLETE = 0x80;
    /** Parameter set lengths are 16-bit fields. */
    private static final int MAX_PARAMETER_SET = 0xffff;

    static HevcSampleEntry of(MediaFormat.H265 format) {
        if (!format.hasParameterSets()) {
            throw new IllegalArgumentException("H.265 track without VPS, SPS and PPS: no init segment yet");
        }
        byte[] vps = format.vps();
        byte[] sps = format.sps();
        byte[] pps = format.pps();
        if (Math.max(vps.length, Math.max(sps.length, pps.length)) > MAX_PARAMETER_SET) {
            throw new IllegalArgumentException("parameter set longer than 65535 bytes");
        }
        return new HevcSampleEntry(vps, sps, pps, HevcProfile.parse(sps), H265SpsParser.parse(sps));
    }

    @Override
    public boolean video() {
        return true;
    }

    @Override
    public int width() {
        return info.width();
    }

    @Override
    public int height() {
        return info.height();
    }

    @Override
    public String codecs() {
        return profile.codecsString("hvc1");
    }

    @Override
    public void write(ByteBuf out) {
        int entry = SampleEntryFields.beginVisual(out, BoxType.HVC1, width(), height());
        writeConfiguration(out);
        Boxes.end(out, entry);
    }

    /** The hvcC box alone. <b>Borrows</b> {@code out}. */
    @Override
    public void writeConfiguration(ByteBuf out) {
        int box = Boxes.begin(out, BoxType.HVCC);
        out.writeByte(1);
        out.writeByte(profile.profileSpace() << 6 | (profile.highTier() ? 0x20 : 0) | profile.profileIdc());
        out.writeInt(profile.compatibilityFlags());
        out.writeShort((int) (profile.constraintFlags() >>> 32));
        out.writeInt((int) profile.constraintFlags());
        out.writeByte(profile.levelIdc());
        out.writeShort(NO_SPATIAL_SEGMENTATION);
        out.writeByte(UNKNOWN_PARALLELISM);
        out.writeByte(0xfc | profile.chromaFormatIdc());
        out.writeByte(0xf8 | (profile.bitDepthLuma() - 8));
        out.writeByte(0xf8 | (profile.bitDepthChroma() - 8));
        out.writeShort(0);
        out.writeByte(profile.temporalLayers() << 3 | (profile.temporalIdNested() ? 0x04 : 0) | LENGTH_SIZE_MINUS_ONE);
        out.writeByte(PARAMETER_SET_ARRAYS);
        writeArray(out, H265NalType.VPS, vps);
        writeArray(out, H265NalType.SPS, sps);
        writeArray(out, H265NalType.PPS, pps);
        Boxes.end(out, box);
    }

    /** One NAL unit array with one unit, array_completeness 1 (see the class comment). <b>Borrows</b> {@code out}. */
    private static void writeArray(ByteBuf out, int nalType, byte[] nal) {
        out.writeByte(ARRAY_COMPLETE | nalType);
        out.writeShort(1);
        out.writeShort(nal.length);
        out.writeBytes(nal);
    }
}
