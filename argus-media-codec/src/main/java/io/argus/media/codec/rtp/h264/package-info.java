/**
 * The H.264 RTP payload format (RFC 6184), packetization mode 1: single NAL unit packets, STAP-A and FU-A.
 *
 * <p>Layer: pure bytes. May import the JDK, {@code io.netty.buffer}, {@code io.netty.util},
 * {@code io.argus.media.codec}, {@code io.argus.media.codec.h264}, {@code io.argus.media.codec.rtp} and
 * {@code io.argus.media.codec.rtp.internal}.
 */
package io.argus.media.codec.rtp.h264;
