package io.argus.media.transcode;

import io.argus.media.av.AvErrors;

/** FFmpeg's negative return codes as {@link TranscodeException}s with FFmpeg's own words. */
final class Ffmpeg {
    private Ffmpeg() {
    }

    static int check(int result, String what) throws TranscodeException {
        if (result < 0) {
            throw new TranscodeException(what + " failed: " + text(result));
        }
        return result;
    }

    static String text(int error) {
        return AvErrors.text(error);
    }
}
