package io.argus.storage.record;

/**
 * A camera's recording as the API and metrics show it.
 *
 * @param framesRecorded video frames written to chunks
 * @param framesDropped  video frames that should have been recorded but were not (disk full, write errors), never
 *                       silently: this count and the state say so
 */
public record RecordingStatus(RecordingMode mode, RecordingState state, String lastError, long chunks, long bytes,
                              long framesRecorded, long framesDropped) {
}
