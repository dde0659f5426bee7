/**
 * RTSP 1.0 (RFC 2326, with RFC 7826 clarifications) on Netty: the message model, the decoder that also
 * demultiplexes TCP-interleaved RTP/RTCP ({@code $} frames, RFC 2326 §10.12) without copying, the encoder,
 * header helpers (Transport, Session, authentication) and the adapter from RTP tracks into a
 * {@link io.argus.media.stream.Stream} shared by the client and the server.
 *
 * <p>Layer: argus-media. May import {@code io.argus.media.codec} (and its {@code rtp}, {@code sdp}
 * packages), {@code io.argus.media.stream}, {@code io.argus.media.path}, {@code io.argus.media.transport},
 * Netty and the JDK. The {@code client} and {@code server} sub-packages import this one, never each other.
 */
package io.argus.media.rtsp;
