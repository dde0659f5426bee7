/**
 * The picture a simulated PTZ camera shows: a synthetic scene ({@link io.argus.sim.ptz.Scene}) seen through a window
 * that pan and tilt move and zoom shrinks, drawn as a 4:2:0 picture and encoded by the smallest H.264 encoder that
 * shows it ({@link io.argus.sim.ptz.PcmH264}: an I_PCM IDR, then skip pictures), once per view; JPEG snapshots of it.
 * Pure Java: no FFmpeg in the simulator (argus-media-ffmpeg's native libraries stay out of it and the bench).
 *
 * <p>Layer: argus-sim. May import {@code io.argus.media.codec} (formats, RBSP escaping), ONVIF's {@code PtzVector},
 * Netty's buffers and the JDK (its ImageIO for JPEG).
 */
package io.argus.sim.ptz;
