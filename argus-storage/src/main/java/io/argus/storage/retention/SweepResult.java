package io.argus.storage.retention;

import java.util.List;

/**
 * What one sweep did.
 *
 * @param chunksDeleted    chunks whose row (and file, if it was there) were deleted, or orphan files deleted
 * @param bytesFreed       their sizes
 * @param rowsWithoutFile  of those, rows whose file was already gone
 * @param failures         chunks that could not be deleted (I/O errors); they are tried again next sweep
 * @param volumesShortOfRoom volumes still short of room after eviction: everything left on them is protected, or
 *                           the disk is filled by something else. The caller alerts.
 */
public record SweepResult(int chunksDeleted, long bytesFreed, int rowsWithoutFile, int failures,
                          List<String> volumesShortOfRoom) {
    public SweepResult {
        volumesShortOfRoom = List.copyOf(volumesShortOfRoom);
    }
}
