package io.argus.storage.event;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A search over a tenant's events, newest first. Every filter but the tenant and the cameras may be null (no
 * filter).
 *
 * @param cameras the cameras searched (the ones the caller may see; an empty set finds nothing), or null for every
 *                camera of the tenant
 * @param from    events that start at or after this
 * @param to      events that start before this (a window on the start: both ends bound the index range, so an hour
 *                of a camera is a short read at any table size; "what overlapped" would scan every older event)
 * @param after   the page's cursor: events strictly older than it, in the order of the search; null for the first
 * @param limit   most events on the page, 1..{@link #MAX_LIMIT}
 */
public record EventQuery(UUID tenant, Set<UUID> cameras, EventType type, String label, String zone,
                         Instant from, Instant to, Double minConfidence, EventCursor after, int limit) {
    /** A page of a thousand events is as much as a client lists at once; more would be one slow request. */
    public static final int MAX_LIMIT = 1000;

    public EventQuery {
        Objects.requireNonNull(tenant, "tenant");
        cameras = cameras == null ? null : Set.copyOf(cameras);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit is 1.." + MAX_LIMIT + ", got " + limit);
        }
    }
}
