package io.argus.storage.chunk;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * The recording windows events protect from age retention (the camera's days, or its tier policy's deletion age):
 * one window per event, its pre-buffer before the event through its post-buffer after it, kept until a time the
 * caller decides. {@link ChunkIndex#olderThan} does not offer a chunk a window overlaps; disk-full eviction does
 * (events are many, and a full disk must go on recording: a bookmark keeps a window through that too). Every call
 * on one tenant's window runs in that tenant's scope. Implemented over JDBC in argus-metadata.
 */
public interface EventProtections {

    /** Adds the event's window, or replaces it (the event ended, or its camera's buffers changed). */
    void protect(Window window);

    /**
     * Removes the windows kept until {@code now} or before, every tenant's: retention runs it before it deletes.
     *
     * @return how many were removed
     */
    int expire(Instant now);

    /**
     * @param from  the start of the event's pre-buffer
     * @param to    the end of its post-buffer; null while the event lasts (every chunk from {@code from} on is
     *              protected until the event's end replaces the window)
     * @param until when the protection lapses
     */
    record Window(UUID tenant, UUID camera, UUID event, Instant from, Instant to, Instant until) {
        public Window {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(camera, "camera");
            Objects.requireNonNull(event, "event");
            from = Objects.requireNonNull(from, "from").truncatedTo(ChronoUnit.MICROS);
            to = to == null ? null : to.truncatedTo(ChronoUnit.MICROS);
            until = Objects.requireNonNull(until, "until").truncatedTo(ChronoUnit.MICROS);
            if (to != null && to.isBefore(from)) {
                throw new IllegalArgumentException("window must end after it starts: " + from + " .. " + to);
            }
        }
    }
}
