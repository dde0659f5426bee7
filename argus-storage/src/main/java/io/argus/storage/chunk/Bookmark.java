package io.argus.storage.chunk;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * A marked time window of a camera, {@code [from, to)}. It protects every chunk it overlaps from retention and
 * disk-full eviction while it exists.
 *
 * @param note what an operator wrote, up to {@link #MAX_NOTE_LENGTH} characters; may be empty
 */
public record Bookmark(UUID tenant, UUID camera, UUID id, Instant from, Instant to, String note, Instant created) {
    /** Room for a sentence or two of an operator's note; the column's width. */
    public static final int MAX_NOTE_LENGTH = 1000;

    public Bookmark {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(note, "note");
        from = Objects.requireNonNull(from, "from").truncatedTo(ChronoUnit.MICROS);
        to = Objects.requireNonNull(to, "to").truncatedTo(ChronoUnit.MICROS);
        created = Objects.requireNonNull(created, "created").truncatedTo(ChronoUnit.MICROS);
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("bookmark must end after it starts: " + from + " .. " + to);
        }
        if (note.length() > MAX_NOTE_LENGTH) {
            throw new IllegalArgumentException("note longer than " + MAX_NOTE_LENGTH + " characters");
        }
    }
}
