/**
 * Watching what was recorded: the recorded spans and gaps of a range, a day's timeline, bookmarks, HLS playback of
 * byte ranges into chunks, chunks with byte ranges, and MP4 export. Ranges in an archive storage class are
 * refused through {@link io.argus.server.api.playback.RestoreCheck}, which the storage capability answers.
 *
 * <p>Layer: argus-server, a capability of the API. May import what every part of the API may (see
 * {@code io.argus.server.api}) and {@code io.argus.storage.chunk} and {@code io.argus.storage.playback}; never
 * another capability (checked: config/checkstyle/import-control.xml).
 */
package io.argus.server.api.playback;
