package io.argus.media.snapshot;

import io.argus.media.av.AvErrors;

/** FFmpeg's negative return codes as {@link SnapshotException}s with FFmpeg's own words. */
final class FfmpegErrors {
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
        return AvErrors.text(error);
    }
}
