/**
 * Watching a camera now: LL-HLS ({@code live.m3u8} and its parts), fMP4 over a WebSocket for MSE players
 * ({@code live.ws}), JPEG snapshots, and the signed media URLs that let players without headers fetch them.
 *
 * <p>Layer: argus-server, a capability of the API. May import the API's infrastructure ({@code io.argus.server.api}),
 * {@code io.argus.server.camera}, {@code io.argus.server.auth}, {@code io.argus.server.audit} (action names),
 * {@code io.argus.media.path}, {@code io.argus.media.hls}, {@code io.argus.media.mse} and
 * {@code io.argus.media.snapshot}, Netty's buffers they hand over, Jetty's WebSocket session, Javalin, Jackson,
 * SLF4J and the JDK; never another capability.
 */
package io.argus.server.api.live;
