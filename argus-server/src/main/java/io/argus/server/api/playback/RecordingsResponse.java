package io.argus.server.api.playback;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/cameras/{id}/recordings}: what is recorded in {@code [from, to)} and the gaps between; the
 * spans and gaps tile the range.
 */
public record RecordingsResponse(Instant from, Instant to, List<TimeRangeResponse> spans,
                                 List<TimeRangeResponse> gaps) {
}
