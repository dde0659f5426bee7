/**
 * MPEG-2 transport streams (ISO/IEC 13818-1), read side: 188-byte packets into access units, as SRT (and any
 * other TS source) delivers them. {@link io.argus.media.codec.format.ts.TsDemuxer} finds sync, follows the PAT and
 * the PMT (CRC-checked), reassembles PES packets of H.264, H.265 and AAC (ADTS) streams without copying their
 * payload and stamps access units with unwrapped PTS/DTS.
 *
 * <p>Layer: pure bytes. May import the JDK, {@code io.netty.buffer}, {@code io.netty.util},
 * {@code io.argus.media.codec} and the codec packages whose parameter sets and headers it reads:
 * {@code io.argus.media.codec.h264}, {@code io.argus.media.codec.h265}, {@code io.argus.media.codec.aac}.
 */
package io.argus.media.codec.format.ts;
