package io.argus.server.api.playback;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code GET /api/v1/cameras/{id}/timeline}: one day in a time zone, minute by minute.
 *
 * @param minutes   seconds recorded in each minute of the day (0 to 60, with millisecond fractions); 1,440 entries,
 *                  or 1,380/1,500 on daylight-saving days
 * @param bookmarks the camera's bookmarks that overlap the day
 */
public record TimelineResponse(LocalDate day, String tz, Instant from, Instant to, double[] minutes,
                               List<BookmarkResponse> bookmarks) {
}
