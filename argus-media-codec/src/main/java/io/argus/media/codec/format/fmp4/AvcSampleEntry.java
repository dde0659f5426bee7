package io.argus.media.codec.format.fmp4;

import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.bits.BitReader;
import io.argus.media.codec.bits.Rbsp;
import io.argus.media.codec.h264.H264Sps;
import io.argus.media.codec.h264.H264SpsParser;
import io.netty.buffer.ByteBuf;

/**
 * The {@code avc1} sample entry with its AVCDecoderConfigurationRecord ({@code avcC}, ISO/IEC 14496-15 §5.3.3.1):
 * one SPS, one PPS, 4-byte NAL length prefixes. {@code avc1} (not {@code avc3}) because the init segment
 * always carries the parameter sets; copies in band are allowed and kept.
 */
record AvcSampleEntry(byte[] sps, byte[] pps, H264Sps info, int bitDepthChroma) implements SampleEntry {

    /** lengthSizeMinusOne = 3 (4-byte prefixes) with its six reserved 1 bits. */
    static final int LENGTH_SIZE_4 = 0xff;
    /** numOfSequenceParameterSets = 1 with its three reserved 1 bits. */
    private static final int ONE_SPS = 0xe1;
    /** Parameter set lengths are 16-bit fields. */
    private static final int MAX_PARAMETER_SET = 0xffff;

    static AvcSampleEntry of(MediaFormat.H264 format) {
        if (!format.hasParameterSets()) {
            throw new IllegalArgumentException("H.264 track without SPS and PPS: no init segment yet");
        }
        byte[] sps = format.sps();
        byte[] pps = format.pps();
        if (sps.length < 4 || sps.length > MAX_PARAMETER_SET || pps.length > MAX_PARAMETER_SET) {
            throw new IllegalArgumentException("parameter set length out of range: SPS " + sps.length + ", PPS "
                    + pps.length);
        }
        H264Sps info = H264SpsParser.parse(sps);
        return new AvcSampleEntry(sps, pps, info, bitDepthChroma(sps, info));
    }

    /**
     * bit_depth_chroma_minus8 + 8 (H.264 §7.3.2.1.1), which {@link H264Sps} does not keep: it follows
     * seq_parameter_set_id, chroma_format_idc, [separate_colour_plane_flag] and bit_depth_luma_minus8.
     */
    private static int bitDepthChroma(byte[] sps, H264Sps info) {
        if (!hasHighProfileFields(info.profileIdc())) {
            return 8;
        }
        BitReader r = new BitReader(Rbsp.unescape(sps, 1, sps.length));
        r.skipBits(24);
        r.readUe();
        if (r.readUe() == 3) {
            r.readBit();
        }
        r.readUe();
        return 8 + r.readUe();
    }

    /** The profiles whose avcC has chroma_format and bit depths (ISO/IEC 14496-15 §5.3.3.1.2). */
    private static boolean hasHighProfileFields(int profileIdc) {
        return profileIdc == 100 || profileIdc == 110 || profileIdc == 122 || profileIdc == 144;
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
        return info.codecsString();
    }

    @Override
    public void write(ByteBuf out) {
        int entry = SampleEntryFields.beginVisual(out, BoxType.AVC1, width(), height());
        writeConfiguration(out);
        Boxes.end(out, entry);
    }

    /** The avcC box alone. <b>Borrows</b> {@code out}. */
    @Override
    public void writeConfiguration(ByteBuf out) {
        int box = Boxes.begin(out, BoxType.AVCC);
        out.writeByte(1);
        out.writeByte(sps[1]);
        out.writeByte(sps[2]);
        out.writeByte(sps[3]);
        out.writeByte(LENGTH_SIZE_4);
        out.writeByte(ONE_SPS);
        out.writeShort(sps.length);
        out.writeBytes(sps);
        out.writeByte(1);
        out.writeShort(pps.length);
        out.writeBytes(pps);
        if (hasHighProfileFields(info.profileIdc())) {
            out.writeByte(0xfc | info.chromaFormatIdc());
            out.writeByte(0xf8 | (info.bitDepthLuma() - 8));
            out.writeByte(0xf8 | (bitDepthChroma - 8));
            out.writeByte(0);
        }
        Boxes.end(out, box);
    }
}
