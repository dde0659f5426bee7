/**
 * Watching what was recorded: the recorded spans and gaps of a range, a day's timeline, bookmarks, HLS playback of
 * byte ranges into chunks, chunks with byte ranges, and MP4 export. Ranges in an archive storage class are
 * refused through {@link io.argus.server.api.playback.RestoreCheck}, which the storage capability answers.
 *
 * <p>Layer: argus-server, a capability of the API. May import the API's infrastructure ({@code io.argus.server.api}),
 * {@code io.argus.server.camera}, {@code io.argus.server.auth}, {@code io.argus.server.audit} (action names),
 * {@code io.argus.storage.chunk} and {@code io.argus.storage.playback}, Jetty's servlet output (file ranges sent
 * without a heap copy), Javalin, SLF4J and the JDK; never another capability.
 */
package io.argus.server.api.playback;
