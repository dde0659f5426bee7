/**
 * Fragmented MP4 (ISO/IEC 14496-12 ISOBMFF, CMAF-compatible): the init segment ({@code ftyp} + {@code moov}),
 * fragments ({@code moof} + {@code mdat}) written without copying a payload byte, a strict box reader that
 * validates what we write and finds where a partially written file can be cut after a crash, and the one moof
 * reader ({@link io.argus.media.codec.format.fmp4.Fmp4FragmentReader}) and in-place rewriter
 * ({@link io.argus.media.codec.format.fmp4.Fmp4FragmentRewriter}) that validation and playback of stored chunks
 * share. The recorder, HLS/LL-HLS, MP4 export and fMP4 over WebSocket all write through this package.
 *
 * <p>Layer: pure bytes. May import the JDK, {@code io.netty.buffer}, {@code io.netty.util},
 * {@code io.argus.media.codec}, {@code io.argus.media.codec.bits} and the codec packages whose configurations
 * it writes: {@code io.argus.media.codec.h264}, {@code io.argus.media.codec.h265},
 * {@code io.argus.media.codec.aac}.
 */
package io.argus.media.codec.format.fmp4;
