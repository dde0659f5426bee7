package io.argus.storage.record;

import java.time.Duration;
import java.util.Objects;

/**
 * How the recorder cuts video.
 *
 * @param chunkDuration about how long a chunk is: it is cut at the first keyframe after this. A minute keeps object
 *                      store requests sane at 10,000 cameras (6 s objects would cost ten times more in PUTs)
 * @param maxFragment   the longest fragment: a GOP longer than this is written in parts of this length, so at most
 *                      this much video is lost (it was still in the process's memory) when the process is killed
 * @param syncInterval  how often an open chunk is forced to the disk (fdatasync): what a power cut can lose. Zero
 *                      syncs only when a chunk closes. A killed process loses nothing written, synced or not: the
 *                      kernel still writes its page cache. Each sync costs about as much CPU as a second of writing
 * @param roomCheck     how often a camera paused for a full disk checks whether space has come back
 */
public record RecorderConfig(Duration chunkDuration, Duration maxFragment, Duration syncInterval,
                             Duration roomCheck) {

    public static final RecorderConfig DEFAULT =
            new RecorderConfig(Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(2));

    public RecorderConfig {
        Objects.requireNonNull(chunkDuration);
        Objects.requireNonNull(maxFragment);
        Objects.requireNonNull(syncInterval);
        Objects.requireNonNull(roomCheck);
        if (chunkDuration.compareTo(Duration.ofSeconds(1)) < 0 || chunkDuration.compareTo(Duration.ofMinutes(30)) > 0) {
            throw new IllegalArgumentException("chunk duration must be 1 s .. 30 min: " + chunkDuration);
        }
        if (maxFragment.compareTo(Duration.ofMillis(100)) < 0 || maxFragment.compareTo(chunkDuration) > 0) {
            throw new IllegalArgumentException("fragment length must be 100 ms .. the chunk duration: " + maxFragment);
        }
        if (syncInterval.isNegative() || syncInterval.compareTo(chunkDuration) > 0) {
            throw new IllegalArgumentException("sync interval must be 0 .. the chunk duration: " + syncInterval);
        }
        if (roomCheck.isNegative() || roomCheck.isZero()) {
            throw new IllegalArgumentException("room check interval must be positive");
        }
    }
}
