package io.argus.media.snapshot;

import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.charset.StandardCharsets;

/** FFmpeg's negative return codes as {@link SnapshotException}s with FFmpeg's own words. */
final class FfmpegErrors {
    private static final int MAX_MESSAGE = 128;

    private FfmpegErrors() {
    }

    static int check(int result, String what) throws SnapshotException {
        if (result < 0) {
            throw failed(what + " failed: " + text(result));
        }
        return result;
    }

    static SnapshotException failed(String message) {
        return new SnapshotException(SnapshotException.Reason.DECODE_FAILED, message);
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
