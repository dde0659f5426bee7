/**
 * Live transcodes: a reader of a camera's {@link io.argus.media.stream.Stream} that decodes its H.264/H.265 video,
 * scales it and encodes H.264 with libx264 for low latency ({@link io.argus.media.transcode.FfmpegLiveTranscoder}),
 * and publishes the result as a derived stream ({@link io.argus.media.transcode.StreamTranscoder}) that every live
 * output serves unchanged; {@link io.argus.media.transcode.RecordedTranscoder} runs the same transcoder over recorded
 * fMP4 fragments for playback and export. {@link io.argus.media.transcode.Rendition} names what is made;
 * {@link io.argus.media.transcode.Hardware} probes NVDEC/NVENC, VAAPI and QSV once at start-up.
 *
 * <p>Layer: argus-media-ffmpeg, beside snapshots. May import {@code io.argus.media.stream} (a reader, and the
 * writer of its own derived stream), {@code io.argus.media.codec} (Annex B, fMP4), Netty's buffers, JavaCPP/FFmpeg
 * ({@code org.bytedeco}), slf4j and the JDK; never a path, a protocol or the server. Which transcodes run, who
 * shares them and when they stop is the server's business.
 *
 * <p>Threading: all FFmpeg work of one transcode happens on its worker thread, never on a stream's writer thread
 * or any event loop.
 */
package io.argus.media.transcode;
