package io.argus.storage.record;

import java.time.Duration;
import java.util.Objects;

/**
 * A camera's recording settings.
 *
 * @param preBuffer  in {@link RecordingMode#EVENTS}: video kept from before each trigger (rounded back to a keyframe)
 * @param postBuffer in {@link RecordingMode#EVENTS}: how long recording goes on after the last trigger
 */
public record RecordingSettings(RecordingMode mode, Duration preBuffer, Duration postBuffer) {

    /** The longest pre-buffer: it is held in memory per camera, so minutes of video would cost megabytes. */
    public static final Duration MAX_PRE_BUFFER = Duration.ofSeconds(60);

    public static final RecordingSettings CONTINUOUS =
            new RecordingSettings(RecordingMode.CONTINUOUS, Duration.ofSeconds(5), Duration.ofSeconds(10));

    public RecordingSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(preBuffer, "preBuffer");
        Objects.requireNonNull(postBuffer, "postBuffer");
        if (preBuffer.isNegative() || preBuffer.compareTo(MAX_PRE_BUFFER) > 0) {
            throw new IllegalArgumentException("pre-buffer must be 0.." + MAX_PRE_BUFFER.toSeconds() + " s");
        }
        if (postBuffer.isNegative() || postBuffer.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("post-buffer must be 0..3600 s");
        }
    }
}
