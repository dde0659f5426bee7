/**
 * AAC (ISO/IEC 14496-3) headers: the AudioSpecificConfig carried in SDP and MP4, and ADTS frame headers
 * (§1.A.2) for {@code .aac} files, split into raw frames without copying.
 *
 * <p>Layer: pure bytes. May import the JDK, {@code io.netty.buffer}, {@code io.netty.util},
 * {@code io.argus.media.codec} and {@code io.argus.media.codec.bits}.
 */
package io.argus.media.codec.aac;
