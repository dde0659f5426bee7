package io.argus.media.codec.h265;

/**
 * What Argus needs from an H.265 sequence parameter set (ITU-T H.265 §7.3.2.2).
 *
 * @param profileIdc      general_profile_idc (1 Main, 2 Main 10, 3 Main Still Picture, 4 range extensions)
 * @param profile         its name (Annex A): "Main", "Main 10", ...
 * @param tier            "Main" or "High"
 * @param levelIdc        general_level_idc (30 × the level number)
 * @param level           the level as written in Annex A: "4", "4.1", "6.2"
 * @param chromaFormatIdc 0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4
 * @param bitDepthLuma    8 to 16
 * @param width           displayed width in pixels (after the conformance window)
 * @param height          displayed height in pixels (after the conformance window)
 */
public record H265Sps(int profileIdc, String profile, String tier, int levelIdc, String level,
                      int chromaFormatIdc, int bitDepthLuma, int width, int height) {
}
