package io.argus.storage.chunk;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Bookmarks of cameras' time windows; every call is scoped by tenant. Implemented over JDBC in argus-metadata. */
public interface Bookmarks {

    /** @throws IllegalArgumentException if a bookmark with this id exists */
    void add(Bookmark bookmark);

    Optional<Bookmark> find(UUID tenant, UUID id);

    /** The camera's bookmarks that overlap {@code [from, to)}, ordered by start. */
    List<Bookmark> list(UUID tenant, UUID camera, Instant from, Instant to);

    /** @return false if there was no such bookmark in the tenant */
    boolean delete(UUID tenant, UUID id);
}
