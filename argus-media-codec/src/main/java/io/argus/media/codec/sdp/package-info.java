/**
 * SDP (RFC 8866) as RTSP uses it: {@link io.argus.media.codec.sdp.SdpParser} turns a camera's session
 * description into {@link io.argus.media.codec.sdp.SdpTrack}s (a {@link io.argus.media.codec.MediaFormat} for
 * each track we can carry, the codec name of each we cannot), {@link io.argus.media.codec.sdp.SdpControl}
 * resolves {@code a=control} URLs, and {@link io.argus.media.codec.sdp.SdpWriter} describes our own streams.
 *
 * <p>Layer: pure bytes (text). May import the JDK and {@code io.argus.media.codec}; nothing from Netty.
 * Parsing never throws an unchecked exception on any input: a description we cannot use is a
 * {@link io.argus.media.codec.sdp.SdpException}.
 */
package io.argus.media.codec.sdp;
