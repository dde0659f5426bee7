package io.argus.analytics;

import io.argus.storage.event.Event;

/**
 * Where analytics put the events they make: the node stores them and publishes them (the live stream, recording
 * triggers). Called on a camera's analytics thread; must not block for long (a database insert is fine).
 */
public interface EventSink {
    /**
     * A new event, or one that lasts and has now ended (the same id with {@link Event#to()} set).
     *
     * @param thumbnail a JPEG of the picture, or null (always null for an end)
     */
    void accept(Event event, byte[] thumbnail);
}
