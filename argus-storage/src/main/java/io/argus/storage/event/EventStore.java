package io.argus.storage.event;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Events of a tenant's cameras, with their thumbnails; every call is scoped by tenant. Implemented over JDBC in argus-metadata. */
public interface EventStore {
    /** Most bytes of a thumbnail: a small JPEG (a few KB to tens of KB); more is a mistake, not a picture. */
    int MAX_THUMBNAIL_BYTES = 512 * 1024;

    /**
     * @param thumbnail a JPEG, or null; its presence must match {@link Event#thumbnail()}
     * @throws IllegalArgumentException if an event with this id exists
     */
    void add(Event event, byte[] thumbnail);

    /** Ends an event that lasts. @return false if there is no such event in the tenant */
    boolean end(UUID tenant, UUID id, Instant to);

    Optional<Event> find(UUID tenant, UUID id);

    Optional<byte[]> thumbnail(UUID tenant, UUID id);

    EventPage search(EventQuery query);
}
