/**
 * Bit-level reading of codec headers (exp-Golomb, ITU-T H.264 §9.1) and the emulation prevention of NAL unit
 * payloads (H.264 §7.4.1, H.265 §7.4.2): the tools the SPS, SEI and AudioSpecificConfig parsers share.
 *
 * <p>Layer: pure bytes. May import the JDK and {@code io.netty.buffer} only.
 */
package io.argus.media.codec.bits;
