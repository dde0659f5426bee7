package io.argus.sim.ptz;

import io.argus.media.codec.bits.Rbsp;
import java.util.Arrays;

/**
 * The smallest H.264 encoder that shows a picture: an IDR whose macroblocks are all I_PCM (the raw samples, §7.3.5,
 * mb_type 25) and P pictures whose macroblocks are all skipped (one mb_skip_run, §7.3.4), so each P picture repeats
 * the IDR. Constrained Baseline, CAVLC, one slice per picture, pic_order_cnt_type 2 (output order is decoding
 * order, no B pictures), one reference frame. The encoder does no prediction or transform at all, so a picture costs
 * a copy of its samples; the price is size (384 bytes a macroblock: 3.1 MB for a 1080p IDR, 350 kB at 640x360).
 *
 * <p>Every NAL unit it returns carries its one-byte header and emulation prevention.
 */
public final class PcmH264 {
    /** log2_max_frame_num_minus4 = 0: frame_num counts 0..15, so sixteen P slices cover every frame_num. */
    public static final int MAX_FRAME_NUM = 16;
    /** I_PCM in an I slice (Table 7-11). */
    private static final int MB_TYPE_I_PCM = 25;
    private static final int NAL_SLICE = 1;
    private static final int NAL_IDR = 5;
    private static final int NAL_SPS = 7;
    private static final int NAL_PPS = 8;
    private static final int SLICE_P_ALL = 5;
    private static final int SLICE_I_ALL = 7;

    private final int width;
    private final int height;
    private final int mbWidth;
    private final int mbHeight;

    /** A coder for {@code width}x{@code height} pictures (even sizes, coded in whole macroblocks and cropped). */
    public PcmH264(int width, int height) {
        if (width < 16 || height < 16 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("picture size must be even and at least 16x16: " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.mbWidth = (width + 15) / 16;
        this.mbHeight = (height + 15) / 16;
    }

    /** Coded width: whole macroblocks. */
    public int codedWidth() {
        return mbWidth * 16;
    }

    public int codedHeight() {
        return mbHeight * 16;
    }

    /** §7.3.2.1.1. Level 4.0 holds 8,192 macroblocks a picture (1080p is 8,160); level 3.0 holds 640x360's 920. */
    public byte[] sps() {
        BitWriter w = new BitWriter(32)
                .u(8, 66).u(8, 0xC0).u(8, mbWidth * mbHeight > 1620 ? 40 : 30) // Baseline, constraint_set0/1: CBP
                .ue(0) // seq_parameter_set_id
                .ue(0) // log2_max_frame_num_minus4
                .ue(2) // pic_order_cnt_type
                .ue(1) // max_num_ref_frames
                .flag(false) // gaps_in_frame_num_value_allowed_flag
                .ue(mbWidth - 1).ue(mbHeight - 1)
                .flag(true) // frame_mbs_only_flag
                .flag(true); // direct_8x8_inference_flag
        int cropRight = (codedWidth() - width) / 2;
        int cropBottom = (codedHeight() - height) / 2; // CropUnitY is 2 for 4:2:0 frames (§7.4.2.1.1)
        boolean crop = cropRight > 0 || cropBottom > 0;
        w.flag(crop);
        if (crop) {
            w.ue(0).ue(cropRight).ue(0).ue(cropBottom);
        }
        w.flag(false); // vui_parameters_present_flag
        return nal(3, NAL_SPS, w.finish());
    }

    /** §7.3.2.2: CAVLC, one slice group, deblocking control present (the slices turn it off). */
    public byte[] pps() {
        BitWriter w = new BitWriter(16)
                .ue(0).ue(0) // pic_parameter_set_id, seq_parameter_set_id
                .flag(false) // entropy_coding_mode_flag: CAVLC
                .flag(false) // bottom_field_pic_order_in_frame_present_flag
                .ue(0) // num_slice_groups_minus1
                .ue(0).ue(0) // num_ref_idx_l0/l1_default_active_minus1
                .flag(false).u(2, 0) // weighted_pred_flag, weighted_bipred_idc
                .se(0).se(0).se(0) // pic_init_qp_minus26, pic_init_qs_minus26, chroma_qp_index_offset
                .flag(true) // deblocking_filter_control_present_flag
                .flag(false) // constrained_intra_pred_flag
                .flag(false); // redundant_pic_cnt_present_flag
        return nal(3, NAL_PPS, w.finish());
    }

    /**
     * The IDR of {@code picture} (at this coder's coded size): every macroblock I_PCM, its 256 luma then 64 Cb and 64
     * Cr samples. Samples must not be 0 (the picture's are 16..235, video range), so no start code can appear in them.
     */
    public byte[] idr(YuvPicture picture) {
        if (picture.codedWidth() != codedWidth() || picture.codedHeight() != codedHeight()) {
            throw new IllegalArgumentException("picture is " + picture.codedWidth() + "x" + picture.codedHeight()
                    + ", the coder " + codedWidth() + "x" + codedHeight());
        }
        BitWriter w = new BitWriter(mbWidth * mbHeight * 386 + 16)
                .ue(0) // first_mb_in_slice
                .ue(SLICE_I_ALL)
                .ue(0) // pic_parameter_set_id
                .u(4, 0) // frame_num: 0 in an IDR
                .ue(0) // idr_pic_id: never two IDRs in a row (SimCamera sends a P picture between), so 0 always
                .flag(false).flag(false) // dec_ref_pic_marking: no_output_of_prior_pics, long_term_reference
                .se(0) // slice_qp_delta
                .ue(1); // disable_deblocking_filter_idc: off (I_PCM has nothing to smooth)
        byte[] mb = new byte[384];
        for (int my = 0; my < mbHeight; my++) {
            for (int mx = 0; mx < mbWidth; mx++) {
                picture.macroblock(mx, my, mb);
                w.ue(MB_TYPE_I_PCM).align().bytes(mb, 0, mb.length);
            }
        }
        return nal(3, NAL_IDR, w.finish());
    }

    /** A P picture that skips every macroblock (repeats its reference), with {@code frameNum} (0..15). */
    public byte[] skip(int frameNum) {
        BitWriter w = new BitWriter(16)
                .ue(0).ue(SLICE_P_ALL).ue(0)
                .u(4, frameNum)
                .flag(false) // num_ref_idx_active_override_flag
                .flag(false) // ref_pic_list_modification_flag_l0
                .flag(false) // adaptive_ref_pic_marking_mode_flag
                .se(0) // slice_qp_delta
                .ue(1) // disable_deblocking_filter_idc
                .ue((long) mbWidth * mbHeight); // mb_skip_run: the whole picture
        return nal(2, NAL_SLICE, w.finish());
    }

    private static byte[] nal(int refIdc, int type, byte[] rbsp) {
        byte[] out = new byte[1 + Rbsp.maxEscapedLength(rbsp.length)];
        out[0] = (byte) (refIdc << 5 | type);
        int n = Rbsp.escape(rbsp, 0, rbsp.length, out, 1);
        return Arrays.copyOf(out, 1 + n);
    }
}
