/**
 * Paths: the control side of a live source. A {@link io.argus.media.path.Path} owns a camera's source
 * lifecycle (connect, reconnect with backoff and jitter, enable/disable, publisher hand-over), its state and
 * counters; the data side is the {@link io.argus.media.stream.Stream} it creates for each live session.
 *
 * <p>Layer: argus-media. May import {@code io.argus.media.stream}, {@code io.argus.media.codec} and its
 * sub-packages, Netty's {@code io.netty.util.concurrent}, slf4j and the JDK; protocol packages implement {@link io.argus.media.path.SourceConnector}.
 */
package io.argus.media.path;
