/**
 * Fragmented MP4 (ISO/IEC 14496-12 ISOBMFF, CMAF-compatible): the init segment ({@code ftyp} + {@code moov}),
 * fragments ({@code moof} + {@code mdat}) written without copying a payload byte, and a strict box reader that
 * validates what we write and finds where a partially written file can be cut after a crash. The recorder,
 * HLS/LL-HLS, MP4 export and fMP4 over WebSocket all write through this package.
 *
 * <p>Layer: pure bytes. May import the JDK, {@code io.netty.buffer}, {@code io.netty.util},
 * {@code io.argus.media.codec}, {@code io.argus.media.codec.bits} and the codec packages whose configurations
 * it writes: {@code io.argus.media.codec.h264}, {@code io.argus.media.codec.h265},
 * {@code io.argus.media.codec.aac}.
 */
package io.argus.media.codec.format.fmp4;
