/**
 * H.265 (ITU-T H.265) bitstream tools: NAL unit types, the sequence parameter set parser and access unit
 * grouping. Annex B splitting is shared with H.264 ({@link io.argus.media.codec.h264.AnnexB}).
 *
 * <p>Layer: pure bytes. May import the JDK, {@code io.netty.buffer}, {@code io.netty.util},
 * {@code io.argus.media.codec}, {@code io.argus.media.codec.bits} and {@code io.argus.media.codec.h264} (Annex B).
 */
package io.argus.media.codec.h265;
