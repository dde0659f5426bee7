package io.argus.server.api.events;

import java.util.List;

/** A page of a search, newest first; {@code next} is the cursor of the next page, null on the last. */
public record EventPageResponse(List<EventResponse> events, String next) {
}
