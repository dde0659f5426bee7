/**
 * Continuous decoding for analytics (module argus-media-ffmpeg): one FFmpeg decoder per camera that stays open,
 * fed only the access units the caller chose, and that converts only the pictures the caller asks for into a
 * small gray and RGB frame in buffers it reuses. A GPU decoder (CUDA) is used where FFmpeg finds one, else the CPU.
 *
 * <p>Layer: the codec layer's access units and formats, the shared decoder of {@code io.argus.media.av}, FFmpeg
 * through JavaCPP, SLF4J and the JDK; never the hub, a path or a protocol.
 */
package io.argus.media.decode;
