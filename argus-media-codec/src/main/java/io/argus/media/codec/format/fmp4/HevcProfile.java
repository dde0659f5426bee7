package io.argus.media.codec.format.fmp4;

import io.argus.media.codec.bits.BitReader;
import io.argus.media.codec.bits.Rbsp;
import io.argus.media.codec.h265.H265NalType;
import io.argus.media.codec.h265.H265SpsParser;
import java.util.Locale;

/**
 * The SPS fields an hvcC and an RFC 6381 {@code hvc1} codecs string need that {@code H265Sps} does not keep:
 * the whole general profile_tier_level (H.265 §7.3.3) and the chroma bit depth (§7.3.2.2.1).
 *
 * @param profileSpace       general_profile_space (0..3)
 * @param highTier           general_tier_flag
 * @param profileIdc         general_profile_idc
 * @param compatibilityFlags general_profile_compatibility_flag[0..31], flag 0 the most significant bit
 * @param constraintFlags    the 48 bits from general_progressive_source_flag to general_inbld_flag/reserved
 * @param levelIdc           general_level_idc
 * @param chromaFormatIdc    chroma_format_idc
 * @param bitDepthLuma       8 + bit_depth_luma_minus8
 * @param bitDepthChroma     8 + bit_depth_chroma_minus8
 * @param temporalLayers     sps_max_sub_layers_minus1 + 1
 * @param temporalIdNested   sps_temporal_id_nesting_flag
 */
record HevcProfile(int profileSpace, boolean highTier, int profileIdc, int compatibilityFlags, long constraintFlags,
                   int levelIdc, int chromaFormatIdc, int bitDepthLuma, int bitDepthChroma, int temporalLayers,
                   boolean temporalIdNested) {

    /** sps_max_sub_layers_minus1 is 3 bits and at most 6 (§7.4.3.2.1). */
    private static final int MAX_SUB_LAYERS_MINUS1 = 6;
    /** The general constraint flags are 48 bits: six bytes in the codecs string. */
    private static final int CONSTRAINT_BYTES = 6;
    /** hvcC holds depth - 8 in 3 bits, so 15 is the deepest it can describe (H.265 profiles in use: 8 to 12). */
    private static final int MAX_BIT_DEPTH = 15;

    /**
     * Parses the SPS NAL unit (2-byte header included, emulation prevention still in).
     *
     * @throws IllegalArgumentException if it is not an SPS, is truncated or out of range
     */
    static HevcProfile parse(byte[] sps) {
        if (sps.length < 2 || H265NalType.of(sps[0]) != H265NalType.SPS) {
            throw new IllegalArgumentException("not an H.265 SPS NAL unit");
        }
        BitReader r = new BitReader(Rbsp.unescape(sps, 2, sps.length));
        r.skipBits(4);
        int maxSubLayersMinus1 = r.readInt(3);
        if (maxSubLayersMinus1 > MAX_SUB_LAYERS_MINUS1) {
            throw new IllegalArgumentException("sps_max_sub_layers_minus1 out of range: " + maxSubLayersMinus1);
        }
        boolean nested = r.readFlag();
        int space = r.readInt(2);
        boolean highTier = r.readFlag();
        int profileIdc = r.readInt(5);
        int compatibility = (int) r.readBits(32);
        long constraints = r.readBits(16) << 32 | r.readBits(32);
        int levelIdc = r.readInt(8);
        H265SpsParser.skipSubLayers(r, maxSubLayersMinus1);
        r.readUe();
        int chroma = r.readUe();
        if (chroma > 3) {
            throw new IllegalArgumentException("chroma_format_idc out of range: " + chroma);
        }
        if (chroma == 3) {
            r.readBit();
        }
        r.readUe();
        r.readUe();
        if (r.readFlag()) {
            for (int i = 0; i < 4; i++) {
                r.readUe();
            }
        }
        int luma = 8 + r.readUe();
        int chromaDepth = 8 + r.readUe();
        if (luma > MAX_BIT_DEPTH || chromaDepth > MAX_BIT_DEPTH) {
            throw new IllegalArgumentException("bit depth out of range: " + luma + "/" + chromaDepth);
        }
        return new HevcProfile(space, highTier, profileIdc, compatibility, constraints, levelIdc, chroma, luma,
                chromaDepth, maxSubLayersMinus1 + 1, nested);
    }


    /**
     * The codecs parameter (ISO/IEC 14496-15 Annex E.3): {@code hvc1.[A-C]<profile>.<compatibility flags,
     * bit-reversed, hex>.<L|H><level>[.<constraint byte>...]}, trailing zero constraint bytes left out.
     */
    String codecsString(String sampleEntry) {
        StringBuilder s = new StringBuilder(sampleEntry).append('.');
        if (profileSpace > 0) {
            s.append((char) ('A' + profileSpace - 1));
        }
        s.append(profileIdc).append('.');
        s.append(Integer.toHexString(Integer.reverse(compatibilityFlags)).toUpperCase(Locale.ROOT));
        s.append('.').append(highTier ? 'H' : 'L').append(levelIdc);
        int last = CONSTRAINT_BYTES - 1;
        while (last >= 0 && constraintByte(last) == 0) {
            last--;
        }
        for (int i = 0; i <= last; i++) {
            s.append('.').append(Integer.toHexString(constraintByte(i)).toUpperCase(Locale.ROOT));
        }
        return s.toString();
    }

    private int constraintByte(int i) {
        return (int) (constraintFlags >>> (8 * (CONSTRAINT_BYTES - 1 - i))) & 0xff;
    }
}
