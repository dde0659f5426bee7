/**
 * JPEG snapshots of live video: take the latest keyframe of a {@link io.argus.media.stream.Stream} with a
 * short-lived reader ({@link io.argus.media.snapshot.KeyframeGrabber}), decode it and encode it to JPEG with
 * FFmpeg ({@link io.argus.media.snapshot.FfmpegSnapshotRenderer}), and keep the last picture per camera for a
 * moment so a wall of viewers polling costs one decode ({@link io.argus.media.snapshot.SnapshotCache}).
 *
 * <p>Layer: argus-media-ffmpeg, a module of its own on top of argus-media, so FFmpeg's native libraries burden
 * only the server that serves snapshots, not the codec layer, the simulator or the bench. May import
 * {@code io.argus.media.stream} (a reader, never the writer side), {@code io.argus.media.codec}, Netty's
 * buffers, JavaCPP/FFmpeg ({@code org.bytedeco}), slf4j and the JDK; never a protocol package or the server.
 *
 * <p>Threading: decoding is CPU work on the caller's thread (a request's virtual thread), never on a stream's
 * writer thread or any event loop; the reader only retains the keyframe there and hands it over.
 */
package io.argus.media.snapshot;
