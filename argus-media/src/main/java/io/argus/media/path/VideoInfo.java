package io.argus.media.path;

import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.h264.H264Sps;
import io.argus.media.codec.h264.H264SpsParser;
import io.argus.media.codec.h265.H265Sps;
import io.argus.media.codec.h265.H265SpsParser;
import java.util.List;

/** What operators want to know of a stream's video track: codec, profile and resolution from its SPS. */
record VideoInfo(String codec, String profile, int width, int height) {

    /**
     * Describes the first video track, or the first track if there is no video; null for no tracks. A missing
     * or unparsable SPS leaves profile and size unknown rather than failing the status call.
     */
    static VideoInfo of(List<MediaFormat> formats) {
        MediaFormat f = formats.stream().filter(m -> m.codec().isVideo()).findFirst()
                .orElse(formats.isEmpty() ? null : formats.get(0));
        if (f == null) {
            return null;
        }
        try {
            return switch (f) {
                case MediaFormat.H264 h when h.hasParameterSets() -> {
                    H264Sps sps = H264SpsParser.parse(h.sps());
                    yield new VideoInfo("H264", sps.profile(), sps.width(), sps.height());
                }
                case MediaFormat.H265 h when h.hasParameterSets() -> {
                    H265Sps sps = H265SpsParser.parse(h.sps());
                    yield new VideoInfo("H265", sps.profile(), sps.width(), sps.height());
                }
                default -> new VideoInfo(f.codec().name(), null, 0, 0);
            };
        } catch (IllegalArgumentException e) {
            return new VideoInfo(f.codec().name(), null, 0, 0);
        }
    }
}
