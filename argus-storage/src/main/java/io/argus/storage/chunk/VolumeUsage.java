package io.argus.storage.chunk;

/**
 * How full one volume is.
 *
 * @param usedBytes    bytes of chunks on it (open ones included), as the store accounts them
 * @param maxBytes     the most chunks may take ({@link Long#MAX_VALUE}: no limit)
 * @param freeBytes    space the file system still has for this process ({@link Long#MAX_VALUE}: not applicable)
 * @param minFreeBytes space to leave free on the file system for everything else
 */
public record VolumeUsage(String volume, long usedBytes, long maxBytes, long freeBytes, long minFreeBytes) {

    /** Bytes a new chunk may still take before a limit is reached; 0 or less when full. */
    public long roomBytes() {
        return Math.min(maxBytes - usedBytes, freeBytes - minFreeBytes);
    }

    /** True while a new chunk may start here. */
    public boolean hasRoom() {
        return roomBytes() > 0;
    }
}
