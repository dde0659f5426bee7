/**
 * The H.265 RTP payload format (RFC 7798) without DONL (sprop-max-don-diff 0): single NAL unit packets,
 * aggregation packets and fragmentation units.
 *
 * <p>Layer: pure bytes. May import the JDK, {@code io.netty.buffer}, {@code io.netty.util},
 * {@code io.argus.media.codec}, {@code io.argus.media.codec.h265}, {@code io.argus.media.codec.rtp} and
 * {@code io.argus.media.codec.rtp.internal}.
 */
package io.argus.media.codec.rtp.h265;
