package io.argus.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the node records.
 *
 * @param dir           the recording volume's directory
 * @param maxBytes      most bytes of recordings on it; 0 for no limit but {@code minFreeBytes}
 * @param minFreeBytes  free space to leave on its file system
 * @param chunkDuration length of a chunk, cut at the next keyframe
 */
public record RecordingConfig(Path dir, long maxBytes, long minFreeBytes, Duration chunkDuration) {
    public RecordingConfig {
        Objects.requireNonNull(dir, "dir");
        if (maxBytes < 0) {
            throw new IllegalArgumentException("recording.maxSize: must not be negative");
        }
        if (minFreeBytes < 0) {
            throw new IllegalArgumentException("recording.minFree: must not be negative");
        }
        if (chunkDuration.compareTo(Duration.ofSeconds(1)) < 0 || chunkDuration.compareTo(Duration.ofMinutes(30)) > 0) {
            throw new IllegalArgumentException("recording.chunkDuration: must be 1s .. 30m");
        }
    }
}
