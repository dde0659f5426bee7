package io.argus.media.snapshot;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.MediaFormat;

/**
 * A keyframe taken from a live stream with the track's format at that moment. Owns one reference to
 * {@code unit}: {@link #close()} releases it.
 */
public record LiveKeyframe(MediaFormat format, AccessUnit unit) implements AutoCloseable {
    @Override
    public void close() {
        unit.release();
    }
}
