/**
 * RTP (RFC 3550) packets and the per-codec payload formats: depacketizers that turn packets into
 * {@link io.argus.media.codec.AccessUnit}s and packetizers that do the reverse, both without copying payload.
 *
 * <p>Layer: pure bytes. May import the JDK, {@code io.netty.buffer}, {@code io.netty.util} and
 * {@code io.argus.media.codec}; the factory {@link io.argus.media.codec.rtp.RtpPayloadFormats}, which maps each
 * format to its payload format, also imports {@code codec.aac} and the per-codec {@code rtp.*} packages.
 */
package io.argus.media.codec.rtp;
