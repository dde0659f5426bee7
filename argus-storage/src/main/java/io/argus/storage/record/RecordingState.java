package io.argus.storage.record;

import java.util.Locale;

/** Where a camera's recorder is, as operators see it. */
public enum RecordingState {
    /** Recording is off for this camera. */
    OFF,
    /** No live stream to record (the camera is down or connecting). */
    IDLE,
    /** Live, waiting for the first keyframe (and parameter sets) to start a chunk. */
    STARTING,
    /** Writing chunks. */
    RECORDING,
    /** Events mode, between events: holding the pre-buffer only. */
    ARMED,
    /** No volume has room: video is not written (and is counted) until space returns. */
    PAUSED_DISK_FULL,
    /** Writing failed for another reason; retried at the next keyframe. */
    FAILED;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
