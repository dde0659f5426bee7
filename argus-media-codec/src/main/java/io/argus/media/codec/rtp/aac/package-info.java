/**
 * The MPEG-4 generic RTP payload format (RFC 3640) for AAC, mode AAC-hbr by default: several frames per packet
 * behind AU headers, and frames fragmented over packets.
 *
 * <p>Layer: pure bytes. May import the JDK, {@code io.netty.buffer}, {@code io.netty.util},
 * {@code io.argus.media.codec}, {@code io.argus.media.codec.aac}, {@code io.argus.media.codec.rtp} and
 * {@code io.argus.media.codec.rtp.internal}.
 */
package io.argus.media.codec.rtp.aac;
