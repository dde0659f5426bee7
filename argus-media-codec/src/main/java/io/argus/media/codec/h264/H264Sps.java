package io.argus.media.codec.h264;

/**
 * What Argus needs from an H.264 sequence parameter set (ITU-T H.264 §7.3.2.1.1).
 *
 * @param profileIdc      profile_idc (66, 77, 100, ...)
 * @param profile         its name (Annex A): "Baseline", "Main", "High", ...
 * @param constraintFlags the byte of constraint_set0..5 flags
 * @param levelIdc        level_idc
 * @param level           the level as written in Annex A: "3.1", "4.0", "1b"
 * @param chromaFormatIdc 0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4
 * @param bitDepthLuma    8 to 14
 * @param width           displayed width in pixels (after cropping)
 * @param height          displayed height in pixels (after cropping)
 * @param frameMbsOnly    false for interlaced-capable streams
 * @param fps             frames per second from the VUI timing info, 0 when absent
 */
public record H264Sps(int profileIdc, String profile, int constraintFlags, int levelIdc, String level,
                      int chromaFormatIdc, int bitDepthLuma, int width, int height, boolean frameMbsOnly,
                      double fps) {

    /** The RFC 6381 codecs parameter, e.g. {@code avc1.640028}, for HLS playlists and MSE. */
    public String codecsString() {
        return String.format("avc1.%02X%02X%02X", profileIdc, constraintFlags, levelIdc);
    }
}
