package io.argus.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where and how the node records.
 *
 * @param dirs          the recording volumes' directories, in the order that names them
 * @param maxBytes      most bytes of recordings on each; 0 for no limit but {@code minFreeBytes}
 * @param minFreeBytes  free space to leave on each one's file system
 * @param chunkDuration length of a chunk, cut at the next keyframe
 * @param syncInterval  how often an open chunk is forced to the disk; zero: only when it closes
 */
public record RecordingConfig(List<Path> dirs, long maxBytes, long minFreeBytes, Duration chunkDuration,
                              Duration syncInterval) {
    public RecordingConfig {
        dirs = List.copyOf(dirs);
        if (dirs.isEmpty()) {
            throw new IllegalArgumentException("recording.dir: at least one directory");
        }
        if (dirs.stream().map(d -> d.toAbsolutePath().normalize()).distinct().count() != dirs.size()) {
            throw new IllegalArgumentException("recording.dir: a directory is listed twice");
        }
        if (maxBytes < 0) {
            throw new IllegalArgumentException("recording.maxSize: must not be negative");
        }
        if (minFreeBytes < 0) {
            throw new IllegalArgumentException("recording.minFree: must not be negative");
        }
        if (chunkDuration.compareTo(Duration.ofSeconds(1)) < 0 || chunkDuration.compareTo(Duration.ofMinutes(30)) > 0) {
            throw new IllegalArgumentException("recording.chunkDuration: must be 1s .. 30m");
        }
        if (syncInterval.isNegative() || syncInterval.compareTo(chunkDuration) > 0) {
            throw new IllegalArgumentException("recording.syncInterval: must be 0 .. recording.chunkDuration");
        }
    }
}
