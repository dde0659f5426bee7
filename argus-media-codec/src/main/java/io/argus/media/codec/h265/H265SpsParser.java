package io.argus.media.codec.h265;

import io.argus.media.codec.bits.BitReader;
import io.argus.media.codec.bits.Rbsp;
import io.netty.buffer.ByteBuf;

/**
 * Parses an H.265 sequence parameter set (ITU-T H.265 §7.3.2.2, profile_tier_level §7.3.3) up to the bit depth:
 * enough for the picture size, profile, tier and level.
 */
public final class H265SpsParser {

    /** Sub-layers a stream may have (sps_max_sub_layers_minus1 is 3 bits, at most 6). */
    private static final int MAX_SUB_LAYERS = 7;

    private H265SpsParser() {
    }

    /**
     * Parses a whole SPS NAL unit (2-byte header included, emulation prevention still in). <b>Borrows</b>
     * {@code nal}; its indexes do not move.
     *
     * @throws IllegalArgumentException if it is not an SPS or is truncated or out of range
     */
    public static H265Sps parse(ByteBuf nal) {
        if (H265NalType.of(nal) != H265NalType.SPS) {
            throw new IllegalArgumentException("not an SPS NAL unit");
        }
        return parseRbsp(Rbsp.unescape(nal, 2));
    }

    /** As {@link #parse(ByteBuf)}, from an array holding the NAL unit (as in {@code MediaFormat.H265.sps()}). */
    public static H265Sps parse(byte[] nal) {
        if (nal.length < 2 || H265NalType.of(nal[0]) != H265NalType.SPS) {
            throw new IllegalArgumentException("not an SPS NAL unit");
        }
        return parseRbsp(Rbsp.unescape(nal, 2, nal.length));
    }

    private static H265Sps parseRbsp(byte[] rbsp) {
        BitReader r = new BitReader(rbsp);
        r.skipBits(4);
        int maxSubLayersMinus1 = r.readInt(3);
        if (maxSubLayersMinus1 >= MAX_SUB_LAYERS) {
            throw new IllegalArgumentException("sps_max_sub_layers_minus1 out of range: " + maxSubLayersMinus1);
        }
        r.readBit();
        r.skipBits(2);
        boolean highTier = r.readFlag();
        int profileIdc = r.readInt(5);
        r.skipBits(32 + 4 + 43 + 1);
        int levelIdc = r.readInt(8);
        skipSubLayers(r, maxSubLayersMinus1);
        r.readUe();
        int chromaFormatIdc = r.readUe();
        if (chromaFormatIdc > 3) {
            throw new IllegalArgumentException("chroma_format_idc out of range: " + chromaFormatIdc);
        }
        boolean separateColourPlanes = chromaFormatIdc == 3 && r.readFlag();
        long width = r.readUe();
        long height = r.readUe();
        if (r.readFlag()) {
            int chromaArrayType = separateColourPlanes ? 0 : chromaFormatIdc;
            int subWidth = chromaArrayType == 1 || chromaArrayType == 2 ? 2 : 1;
            int subHeight = chromaArrayType == 1 ? 2 : 1;
            width -= (long) subWidth * ((long) r.readUe() + r.readUe());
            height -= (long) subHeight * ((long) r.readUe() + r.readUe());
        }
        int bitDepth = 8 + r.readUe();
        if (width <= 0 || height <= 0 || width > 65535 || height > 65535 || bitDepth > 16) {
            throw new IllegalArgumentException("picture size or bit depth out of range: " + width + "x" + height
                    + ", " + bitDepth + " bits");
        }
        return new H265Sps(profileIdc, profileName(profileIdc), highTier ? "High" : "Main", levelIdc,
                levelName(levelIdc), chromaFormatIdc, bitDepth, (int) width, (int) height);
    }

    /**
     * Skips the sub-layer part of profile_tier_level (§7.3.3): flags, alignment, then the present fields. Shared with
     * the fMP4 layer, which reads the general profile fields for the hvcC record.
     */
    public static void skipSubLayers(BitReader r, int maxSubLayersMinus1) {
        boolean[] profilePresent = new boolean[maxSubLayersMinus1];
        boolean[] levelPresent = new boolean[maxSubLayersMinus1];
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            profilePresent[i] = r.readFlag();
            levelPresent[i] = r.readFlag();
        }
        if (maxSubLayersMinus1 > 0) {
            r.skipBits(2L * (8 - maxSubLayersMinus1));
        }
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            r.skipBits((profilePresent[i] ? 88 : 0) + (levelPresent[i] ? 8 : 0));
        }
    }

    /** Annex A profile names by general_profile_idc; "profile N" for others. */
    public static String profileName(int profileIdc) {
        return switch (profileIdc) {
            case 1 -> "Main";
            case 2 -> "Main 10";
            case 3 -> "Main Still Picture";
            case 4 -> "Format Range Extensions";
            case 5 -> "High Throughput";
            case 9 -> "Screen Content Coding Extensions";
            default -> "profile " + profileIdc;
        };
    }

    /** general_level_idc is 30 × the level: 120 is "4", 123 is "4.1". */
    public static String levelName(int levelIdc) {
        int major = levelIdc / 30;
        int minor = (levelIdc % 30) / 3;
        return minor == 0 ? Integer.toString(major) : major + "." + minor;
    }
}
