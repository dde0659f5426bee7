package io.argus.media.transcode;

import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.charset.StandardCharsets;

/** FFmpeg's negative return codes as {@link TranscodeException}s with FFmpeg's own words. */
final class Ffmpeg {
    private static final int MAX_MESSAGE = 128;

    private Ffmpeg() {
    }

    static int check(int result, String what) throws TranscodeException {
        if (result < 0) {
            throw new TranscodeException(what + " failed: " + text(result));
        }
        return result;
    }

    static String text(int error) {
        byte[] buf = new byte[MAX_MESSAGE];
        if (av_strerror(error, buf, buf.length) < 0) {
            return "FFmpeg error " + error;
        }
        int len = 0;
        while (len < buf.length && buf[len] != 0) {
            len++;
        }
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }
}
