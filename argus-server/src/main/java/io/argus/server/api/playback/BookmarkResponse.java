package io.argus.server.api.playback;

import io.argus.storage.chunk.Bookmark;
import java.time.Instant;
import java.util.UUID;

/** A bookmark of a camera's time window; it protects the recordings it overlaps from retention. */
public record BookmarkResponse(UUID id, UUID cameraId, Instant from, Instant to, String note, Instant created) {

    static BookmarkResponse of(Bookmark b) {
        return new BookmarkResponse(b.id(), b.camera(), b.from(), b.to(), b.note(), b.created());
    }
}
