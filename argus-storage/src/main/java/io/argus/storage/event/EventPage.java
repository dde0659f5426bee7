package io.argus.storage.event;

import java.util.List;

/** One page of a search; {@code next} is null on the last page. */
public record EventPage(List<Event> events, EventCursor next) {
    public EventPage {
        events = List.copyOf(events);
    }
}
