package io.argus.server.api.playback;

/** {@code POST /api/v1/cameras/{id}/bookmarks}: ISO-8601 times (validated by the handler) and a note. */
public record BookmarkRequest(String from, String to, String note) {
}
