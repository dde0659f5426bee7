/**
 * What every user of FFmpeg through JavaCPP in this module shares (snapshots, transcodes, re-encodes, analytics
 * decoding): FFmpeg's error codes in its own words, and {@link io.argus.media.av.FfmpegVideoDecoder}, the one
 * H.264/H.265 decoder that live transcodes, chunk re-encodes and analytics feed.
 *
 * <p>Layer: the codec layer's units and formats, Netty's buffers, JavaCPP/FFmpeg and the JDK; never the hub, a
 * path, a protocol or the server.
 */
package io.argus.media.av;
