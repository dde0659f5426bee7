package io.argus.analytics.track;

import java.time.Instant;
import java.util.List;

/**
 * What one frame changed.
 *
 * @param time the frame's capture time
 * @param seen tracks seen in this frame (continued or new), as of this frame
 * @param ended tracks that ended: unseen for longer than the tracker's gap; their {@code lastSeen} is their end
 */
public record TrackerUpdate(String cameraId, Instant time, List<Track> seen, List<Track> ended) {
    public TrackerUpdate {
        seen = List.copyOf(seen);
        ended = List.copyOf(ended);
    }
}
