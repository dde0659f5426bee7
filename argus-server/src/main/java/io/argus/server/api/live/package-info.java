/**
 * Watching a camera now: LL-HLS ({@code live.m3u8} and its parts), fMP4 over a WebSocket for MSE players
 * ({@code live.ws}), JPEG snapshots, and the signed media URLs that let players without headers fetch them.
 *
 * <p>Layer: argus-server, a capability of the API. May import what every part of the API may (see
 * {@code io.argus.server.api}) and {@code io.argus.media.path}, {@code io.argus.media.stream},
 * {@code io.argus.media.hls}, {@code io.argus.media.mse} and {@code io.argus.media.snapshot}, Netty's buffers they
 * hand over and Jetty's WebSocket session; never another capability (checked:
 * config/checkstyle/import-control.xml).
 */
package io.argus.server.api.live;
