/**
 * The RTSP server: re-streams live paths to players and NVRs (DESCRIBE/SETUP/PLAY over TCP-interleaved or
 * UDP unicast) and accepts publishers (ANNOUNCE/SETUP/RECORD) into paths.
 * {@link io.argus.media.rtsp.server.RtspServer} binds the ports; each TCP connection is an
 * {@link io.argus.media.rtsp.server.RtspServerConnection} holding
 * {@link io.argus.media.rtsp.server.RtspServerSession}s of one or more
 * {@link io.argus.media.rtsp.server.RtspServerSessionMedia} (tracks). All UDP sessions share one RTP/RTCP
 * socket pair, as MediaMTX does. RTSPS ({@link io.argus.media.rtsp.server.RtspServerTls}) is the same pipeline
 * behind a Netty {@code SslHandler} on a port of its own, TCP-interleaved only; the caller brings the
 * {@code SslContext}.
 *
 * <p>Layer: argus-media. May import {@code io.argus.media.rtsp}, {@code io.argus.media.path},
 * {@code io.argus.media.stream}, {@code io.argus.media.transport}, {@code io.argus.media.codec.*}, Netty and
 * the JDK; never {@code io.argus.media.rtsp.client}.
 */
package io.argus.media.rtsp.server;
