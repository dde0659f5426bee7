package io.argus.storage.chunk;

import java.util.UUID;

/**
 * The chunk index refused a chunk because another recorder of the camera already stored one in a newer fencing
 * epoch: the writer is a node that no longer owns the camera (its shard moved while it was cut off or slow), and
 * two recorders must never build one camera's chain. See {@link ChunkIndex#add(ChunkRecord, long)}.
 */
public final class ChunkFencedException extends RuntimeException {
    private final UUID camera;
    private final long epoch;
    private final long highest;

    public ChunkFencedException(UUID camera, String location, long epoch, long highest) {
        super("chunk " + location + " of camera " + camera + " written in epoch " + epoch
                + ", and the camera has chunks of epoch " + highest + ": another node owns it now");
        this.camera = camera;
        this.epoch = epoch;
        this.highest = highest;
    }

    public UUID camera() {
        return camera;
    }

    /** The refused writer's epoch. */
    public long epoch() {
        return epoch;
    }

    /** The highest epoch stored for the camera, which is above {@link #epoch()}. */
    public long highest() {
        return highest;
    }
}
