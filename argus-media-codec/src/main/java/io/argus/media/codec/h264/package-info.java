/**
 * H.264 (ITU-T H.264) bitstream tools: NAL unit types, the sequence parameter set parser, Annex B byte streams
 * (split at start codes without copying, and composed back) and access unit grouping.
 *
 * <p>Layer: pure bytes. May import the JDK, {@code io.netty.buffer}, {@code io.netty.util},
 * {@code io.argus.media.codec} and {@code io.argus.media.codec.bits}.
 */
package io.argus.media.codec.h264;
