/**
 * WebRTC playback (WHEP, RFC 9725): a browser's SDP offer becomes an answer and a session that sends one camera's
 * live stream over DTLS-SRTP from one muxed UDP port. WebRTC ingest (WHIP) on the same port: a publisher's offer
 * becomes a {@link io.argus.webrtc.WhipSession} that feeds a camera's path ({@link io.argus.webrtc.WebRtcToStream}).
 *
 * <p>Layer: argus-media's protocols level, in its own module so its crypto libraries (BouncyCastle DTLS, Jitsi SRTP)
 * stay out of the codec layer. It may import the stream hub ({@code io.argus.media.stream}) and its paths (a WHIP
 * publisher claims one, as RTMP's does), the codec layer (RTP packetizers and depacketizers, RTCP, formats), Netty,
 * BouncyCastle, Jitsi SRTP, SLF4J and the JDK; never the server.
 *
 * <p>The parts: {@link io.argus.webrtc.WebRtcServer} owns the port (one channel per host address) and the
 * sessions; {@link io.argus.webrtc.WebRtcPortHandler} demultiplexes each datagram by its first byte (RFC 7983):
 * STUN to the ICE-lite responder ({@link io.argus.webrtc.StunMessage}), DTLS to the session's handshake, SRTCP to
 * its feedback; {@link io.argus.webrtc.WhepSession} is one viewer; {@link io.argus.webrtc.StreamToWebRtc} reads the
 * hub for it.
 */
package io.argus.webrtc;
