package io.argus.server.analytics;

import io.argus.storage.event.Event;

/** Something that follows events as they happen (a live stream to a client). */
public interface EventListener {
    /** A new event, or one that ended. Called on the thread that made it: must not block. */
    void onEvent(Event event);
}
