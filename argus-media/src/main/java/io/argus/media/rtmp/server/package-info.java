/**
 * The RTMP and RTMPS ingest server: publishers (ffmpeg, OBS, field encoders) push H.264/H.265 and AAC into paths of
 * the stream hub, as RTSP publishers do. Playback over RTMP is not offered.
 *
 * <p>Layer: argus-media. May import {@code io.argus.media.rtmp}, {@code io.argus.media.codec} (and its {@code amf}
 * and {@code flv} packages), {@code io.argus.media.stream}, {@code io.argus.media.path},
 * {@code io.argus.media.transport}, Netty, SLF4J and the JDK.
 */
package io.argus.media.rtmp.server;
