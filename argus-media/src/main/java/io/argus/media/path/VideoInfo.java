package io.argus.media.path;

import io.argus.media.codec.MediaFormat;
import java.util.List;

/** What operators want to know of a stream's video track: codec, profile and resolution. */
record VideoInfo(String codec, String profile, int width, int height) {

    /** Describes the first video track, or the first track if there is no video; null for no tracks. */
    static VideoInfo of(List<MediaFormat> formats) {
        MediaFormat f = formats.stream().filter(m -> m.codec().isVideo()).findFirst()
                .orElse(formats.isEmpty() ? null : formats.get(0));
        if (f == null) {
            return null;
        }
        return new VideoInfo(f.codec().name(), null, 0, 0);
    }
}
