/**
 * Live transcodes as jobs: which run ({@link io.argus.server.transcode.TranscodeService}), who shares them
 * ({@link io.argus.server.transcode.TranscodeLease}), when they stop, and how many a node runs at once. The FFmpeg
 * work is {@code io.argus.media.transcode}'s; this package only starts, shares, counts and stops it.
 *
 * <p>Layer: argus-server. May import the stream hub, {@code io.argus.media.transcode}, the server's config,
 * Micrometer, SLF4J and the JDK; knows nothing about HTTP.
 */
package io.argus.server.transcode;
