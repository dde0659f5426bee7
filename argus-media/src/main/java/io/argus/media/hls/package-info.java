/**
 * Low-latency HLS of live streams (RFC 8216bis, "HTTP Live Streaming 2nd Edition", §4.4.4.9 parts, §6.2.5.2
 * blocking playlist reload, §4.4.5.3 preload hints): one {@link io.argus.media.hls.LlHlsMuxer} per camera cuts
 * the stream into CMAF parts of {@link io.argus.media.hls.LlHlsSettings#PART_TARGET} and segments of about
 * {@link io.argus.media.hls.LlHlsSettings#SEGMENT_TARGET} that start at keyframes, keeps a sliding window of them
 * in memory (retained fragments, never copies) and answers playlist, part, segment and init requests with futures.
 * Nothing here knows HTTP: the server maps requests and {@link io.argus.media.hls.LlHlsException} reasons to it.
 *
 * <p>Threading: a muxer's state is touched only by its pinned event loop (of {@link io.argus.media.hls.LlHlsServer}'s
 * own group, never the network's): the stream's reader drains onto it and every request hops onto it. Callers
 * wait on the returned futures from their own (virtual) threads.
 *
 * <p>Layer: argus-media. May import the stream hub ({@code io.argus.media.stream}), the fMP4 format
 * ({@code io.argus.media.codec.format.fmp4}), the m3u8 writer ({@code io.argus.media.codec.format.m3u8}) and
 * {@code io.argus.media.codec}, Netty's buffers, utilities and event loops ({@code io.netty.channel}), SLF4J and
 * the JDK; never a path, another protocol or a transport.
 */
package io.argus.media.hls;
