/**
 * The RTSP client that pulls a camera's stream: {@link io.argus.media.rtsp.client.RtspClient} is the
 * {@link io.argus.media.path.SourceConnector} for {@code rtsp://} sources; each connection is one
 * {@link io.argus.media.rtsp.client.RtspClientAttempt} (OPTIONS, DESCRIBE, SETUP, PLAY, keep-alive,
 * TEARDOWN) pinned to one event loop, which is also the writer thread of the stream it feeds.
 *
 * <p>Layer: argus-media. May import {@code io.argus.media.rtsp}, {@code io.argus.media.path},
 * {@code io.argus.media.stream}, {@code io.argus.media.transport}, {@code io.argus.media.codec.*}, Netty and
 * the JDK; never {@code io.argus.media.rtsp.server}.
 */
package io.argus.media.rtsp.client;
