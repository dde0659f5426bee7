package io.argus.media.av;

import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.charset.StandardCharsets;

/** FFmpeg's negative return codes in FFmpeg's own words, for the error messages of its callers. */
public final class AvErrors {
    private static final int MAX_MESSAGE = 128;

    private AvErrors() {
    }

    /** The message of FFmpeg error {@code error} (a negative AVERROR), or its number when FFmpeg has none. */
    public static String text(int error) {
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
