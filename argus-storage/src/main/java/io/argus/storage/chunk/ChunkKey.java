package io.argus.storage.chunk;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * Names a chunk before it exists: whose camera it is and when its first sample was captured.
 *
 * @param start wall time of the chunk's first sample, truncated to milliseconds (the precision of the file name)
 */
public record ChunkKey(UUID tenant, UUID camera, Instant start) {
    public ChunkKey {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(start, "start");
        if (start.isBefore(Instant.EPOCH)) {
            throw new IllegalArgumentException("chunk start before 1970: " + start);
        }
        start = start.truncatedTo(ChronoUnit.MILLIS);
    }
}
