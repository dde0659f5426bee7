/**
 * FLV tags as RTMP carries them (Adobe FLV specification v10.1 Annex E, and Enhanced RTMP v1 by Veovera for the
 * FourCC video header): the video and audio tag headers, and demuxers that turn tag bodies into
 * {@link io.argus.media.codec.AccessUnit}s (retained slices of the body, never copies) and track formats.
 *
 * <p>Layer: pure bytes. May import the JDK, {@code io.netty.buffer}, {@code io.argus.media.codec} and its
 * {@code h264}, {@code h265} and {@code aac} packages.
 */
package io.argus.media.codec.flv;
