package io.argus.media.snapshot;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_FATAL;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.MediaFormat;
import java.time.Instant;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * A keyframe to a JPEG with FFmpeg (software decode, swscale, mjpeg). Stateless and thread-safe: every call
 * opens its own decoder and encoder, which for one picture costs less than a millisecond next to the decode.
 * The first call loads FFmpeg's native libraries (JavaCPP unpacks them into its cache once per machine).
 */
public final class FfmpegSnapshotRenderer {

    static {
        // Decode failures come back as return codes and become SnapshotExceptions with their own message;
        // FFmpeg's own logging would print every concealment warning of a broken camera to stderr.
        av_log_set_level(AV_LOG_FATAL);
    }

    /**
     * Decodes {@code keyframe} and encodes it as a JPEG. <b>Borrows</b> {@code keyframe}. CPU-bound for tens of
     * milliseconds at 1080p: call it on a thread that may block, never on an event loop or a stream's writer.
     *
     * @param format  the track's format, for the parameter sets
     * @param takenAt stamped on the snapshot
     */
    public Snapshot render(MediaFormat format, AccessUnit keyframe, SnapshotOptions options, Instant takenAt)
            throws SnapshotException {
        AVFrame picture = FfmpegKeyframeDecoder.decode(format, keyframe);
        try {
            return FfmpegJpegEncoder.encode(picture, options, takenAt);
        } finally {
            av_frame_free(picture);
        }
    }
}
