package io.argus.server.api.recording;

import io.argus.metadata.CameraRecording;
import io.argus.storage.record.RecordingStatus;
import java.util.Locale;

/** {@code GET /api/v1/cameras/{id}/recording}: the settings and what the recorder is doing. */
public record RecordingResponse(String mode, double preBufferSeconds, double postBufferSeconds, int retentionDays,
                                Status status) {

    /**
     * @param state          {@code off}, {@code idle}, {@code starting}, {@code recording}, {@code armed},
     *                       {@code paused_disk_full} or {@code failed}
     * @param framesDropped  frames that should have been recorded and were not (disk full, write errors)
     */
    public record Status(String state, String lastError, long chunks, long bytes, long framesRecorded,
                         long framesDropped) {
    }

    static RecordingResponse of(CameraRecording r, RecordingStatus s) {
        return new RecordingResponse(r.mode().toLowerCase(Locale.ROOT), r.preBuffer().toMillis() / 1000.0,
                r.postBuffer().toMillis() / 1000.0, r.retentionDays(), s == null ? null
                : new Status(s.state().apiName(), s.lastError(), s.chunks(), s.bytes(), s.framesRecorded(),
                        s.framesDropped()));
    }
}
