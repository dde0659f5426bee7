package io.argus.media.codec.h264;

import io.argus.media.codec.bits.BitReader;
import io.argus.media.codec.bits.Rbsp;
import io.netty.buffer.ByteBuf;

/**
 * Parses an H.264 sequence parameter set (ITU-T H.264 §7.3.2.1.1, VUI §E.1.1) far enough for the picture size,
 * profile, level and frame rate. Scaling lists are read and skipped; VUI fields after the timing info are not
 * read.
 */
public final class H264SpsParser {

    private H264SpsParser() {
    }

    /**
     * Parses a whole SPS NAL unit (header byte included, emulation prevention still in). <b>Borrows</b>
     * {@code nal}; its indexes do not move.
     *
     * @throws IllegalArgumentException if it is not an SPS or is truncated or out of range
     */
    public static H264Sps parse(ByteBuf nal) {
        if (H264NalType.of(nal) != H264NalType.SPS) {
            throw new IllegalArgumentException("not an SPS NAL unit");
        }
        return parseRbsp(Rbsp.unescape(nal, 1));
    }

    /** As {@link #parse(ByteBuf)}, from an array holding the NAL unit (as in {@code MediaFormat.H264.sps()}). */
    public static H264Sps parse(byte[] nal) {
        if (nal.length < 1 || H264NalType.of(nal[0]) != H264NalType.SPS) {
            throw new IllegalArgumentException("not an SPS NAL unit");
        }
        return parseRbsp(Rbsp.unescape(nal, 1, nal.length));
    }

    private static H264Sps parseRbsp(byte[] rbsp) {
        BitReader r = new BitReader(rbsp);
        int profileIdc = r.readInt(8);
        int constraints = r.readInt(8);
        int levelIdc = r.readInt(8);
        r.readUe();
        int chromaFormatIdc = 1;
        int bitDepth = 8;
        boolean separateColourPlanes = false;
        if (hasChromaInfo(profileIdc)) {
            chromaFormatIdc = checkRange(r.readUe(), 3, "chroma_format_idc");
            if (chromaFormatIdc == 3) {
                separateColourPlanes = r.readFlag();
            }
            bitDepth = 8 + checkRange(r.readUe(), 6, "bit_depth_luma_minus8");
            r.readUe();
            r.readBit();
            if (r.readFlag()) {
                skipScalingMatrix(r, chromaFormatIdc != 3 ? 8 : 12);
            }
        }
        r.readUe();
        skipPicOrderCount(r);
        r.readUe();
        r.readBit();
        int widthMbs = r.readUe() + 1;
        int heightMapUnits = r.readUe() + 1;
        boolean frameMbsOnly = r.readFlag();
        if (!frameMbsOnly) {
            r.readBit();
        }
        r.readBit();
        int cropLeft = 0;
        int cropRight = 0;
        int cropTop = 0;
        int cropBottom = 0;
        if (r.readFlag()) {
            cropLeft = r.readUe();
            cropRight = r.readUe();
            cropTop = r.readUe();
            cropBottom = r.readUe();
        }
        double fps = r.readFlag() ? H264VuiParser.fps(r) : 0;
        int chromaArrayType = separateColourPlanes ? 0 : chromaFormatIdc;
        int cropUnitX = chromaArrayType == 0 || chromaArrayType == 3 ? 1 : 2;
        int cropUnitY = (chromaArrayType == 1 ? 2 : 1) * (frameMbsOnly ? 1 : 2);
        long width = 16L * widthMbs - (long) cropUnitX * (cropLeft + (long) cropRight);
        long height = 16L * heightMapUnits * (frameMbsOnly ? 1 : 2) - (long) cropUnitY * (cropTop + (long) cropBottom);
        if (width <= 0 || height <= 0 || width > 65535 || height > 65535) {
            throw new IllegalArgumentException("picture size out of range: " + width + "x" + height);
        }
        return new H264Sps(profileIdc, profileName(profileIdc), constraints, levelIdc,
                levelName(levelIdc, constraints, profileIdc), chromaFormatIdc, bitDepth, (int) width, (int) height,
                frameMbsOnly, fps);
    }

    /** The profiles whose SPS carries chroma format, bit depth and scaling matrices (§7.3.2.1.1). */
    private static boolean hasChromaInfo(int profileIdc) {
        return switch (profileIdc) {
            case 100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135 -> true;
            default -> false;
        };
    }

    private static void skipScalingMatrix(BitReader r, int lists) {
        for (int i = 0; i < lists; i++) {
            if (r.readFlag()) {
                skipScalingList(r, i < 6 ? 16 : 64);
            }
        }
    }

    /** §7.3.2.1.1.1: delta-coded; a next scale of 0 repeats the last one for the rest of the list. */
    private static void skipScalingList(BitReader r, int size) {
        int last = 8;
        int next = 8;
        for (int j = 0; j < size; j++) {
            if (next != 0) {
                next = (last + r.readSe() + 256) % 256;
            }
            last = next == 0 ? last : next;
        }
    }

    private static void skipPicOrderCount(BitReader r) {
        int type = r.readUe();
        if (type == 0) {
            r.readUe();
        } else if (type == 1) {
            r.readBit();
            r.readSe();
            r.readSe();
            int cycle = checkRange(r.readUe(), 255, "num_ref_frames_in_pic_order_cnt_cycle");
            for (int i = 0; i < cycle; i++) {
                r.readSe();
            }
        }
    }

    private static int checkRange(int v, int max, String field) {
        if (v > max) {
            throw new IllegalArgumentException(field + " out of range: " + v);
        }
        return v;
    }

    /** Annex A profile names by profile_idc; "profile N" for others. */
    public static String profileName(int profileIdc) {
        return switch (profileIdc) {
            case 66 -> "Baseline";
            case 77 -> "Main";
            case 88 -> "Extended";
            case 100 -> "High";
            case 110 -> "High 10";
            case 122 -> "High 4:2:2";
            case 244 -> "High 4:4:4 Predictive";
            case 44 -> "CAVLC 4:4:4 Intra";
            case 83 -> "Scalable Baseline";
            case 86 -> "Scalable High";
            case 118 -> "Multiview High";
            case 128 -> "Stereo High";
            default -> "profile " + profileIdc;
        };
    }

    /** Annex A level names: level_idc / 10, with level 1b signalled as 9, or as 11 with constraint_set3. */
    public static String levelName(int levelIdc, int constraintFlags, int profileIdc) {
        boolean set3 = (constraintFlags & 0x10) != 0;
        if (levelIdc == 9 || (levelIdc == 11 && set3 && (profileIdc == 66 || profileIdc == 77 || profileIdc == 88))) {
            return "1b";
        }
        return levelIdc / 10 + "." + levelIdc % 10;
    }
}
