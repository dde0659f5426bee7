package io.argus.server.api.playback;

import java.time.Instant;

/** A stretch of time, {@code [from, to)}, ISO-8601. */
public record TimeRangeResponse(Instant from, Instant to) {
}
