package io.argus.server.api.storage;

import java.util.List;

/** {@code GET /api/v1/storage}: every recording volume and how full it is. */
public record StorageResponse(List<Volume> volumes) {

    /**
     * @param maxBytes  the volume's {@code recording.maxSize}; null for no limit
     * @param freeBytes space its file system has left
     * @param roomBytes what new chunks may still take before retention must free space (0 when full)
     */
    public record Volume(String volume, String path, long usedBytes, Long maxBytes, long freeBytes,
                         long minFreeBytes, long roomBytes) {
    }
}
