/**
 * Re-encoding of recorded chunks for colder storage tiers: {@link io.argus.media.reencode.FfmpegChunkReencoder}
 * takes one chunk (the fragmented MP4 the recorder writes), decodes its video and encodes it again with libx265
 * (CRF or a target bitrate), and writes the same container back with every other track, every fragment boundary
 * and every timestamp unchanged, which it checks before it hands the result back.
 *
 * <p>Layer: argus-media-ffmpeg. May import {@code io.argus.media.codec} (the fMP4 reader and writer, Annex B),
 * {@code io.argus.media.transcode} (its exception and its
 * scale-and-encode, {@link io.argus.media.transcode.FfmpegVideoEncoder}), {@code io.argus.media.av}, Netty's buffers, JavaCPP/FFmpeg and
 * the JDK; never storage, a protocol or the server. Which chunk is re-encoded, when, and what becomes of the
 * result is the storage tier mover's business.
 *
 * <p>Threading: one re-encode runs on the caller's thread from start to end; FFmpeg's own threads (x265's pool)
 * are bounded by {@link io.argus.media.reencode.ChunkReencoding#threads()}.
 */
package io.argus.media.reencode;
