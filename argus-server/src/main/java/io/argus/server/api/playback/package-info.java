/**
 * Watching what was recorded: the recorded spans and gaps of a range, a day's timeline, bookmarks, HLS playback of
 * byte ranges into chunks, chunks with byte ranges, and MP4 export, each also in a rendition (transcoded). Ranges in an archive storage class are
 * refused through {@link io.argus.server.api.playback.RestoreCheck}, which the storage capability answers.
 *
 * <p>Layer: argus-server, a capability of the API. May import what every part of the API may (see
 * {@code io.argus.server.api}), {@code io.argus.storage.chunk} and {@code io.argus.storage.playback}, and for
 * renditions the transcoder ({@code io.argus.media.transcode}, fMP4 of {@code io.argus.media.codec.format.fmp4},
 * Netty's buffers) and the node's transcode admission ({@code io.argus.server.transcode}); never another capability (checked: config/checkstyle/import-control.xml).
 */
package io.argus.server.api.playback;
