/**
 * Live fMP4 for Media Source Extensions players: {@link io.argus.media.mse.StreamToMse} reads a live stream and
 * hands an {@link io.argus.media.mse.MseSink} (a WebSocket, in the server) the codecs string, the init segment
 * and then one fragment per access unit, starting at the cached keyframe. Nothing here knows the transport.
 *
 * <p>Backpressure: the sink says whether it can take more ({@link io.argus.media.mse.MseSink#isWritable()});
 * while it cannot, the stream's reader queue fills and the stream skips this viewer to the next keyframe,
 * counted in {@link io.argus.media.mse.StreamToMse#skipped()}. Nothing is buffered without bound.
 *
 * <p>Threading: each feed runs on one event loop of {@link io.argus.media.mse.MseServer}'s own group.
 *
 * <p>Layer: argus-media. May import the stream hub ({@code io.argus.media.stream}), the fMP4 format
 * ({@code io.argus.media.codec.format.fmp4}) and {@code io.argus.media.codec}, Netty's buffers, utilities and
 * event loops ({@code io.netty.channel}), SLF4J and the JDK; never a path, another protocol or a transport.
 */
package io.argus.media.mse;
