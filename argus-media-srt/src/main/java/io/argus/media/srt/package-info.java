/**
 * SRT ingest: the listener ({@link io.argus.media.srt.SrtServer}, callers publish MPEG-TS to a camera named in the
 * streamid) and the caller ({@link io.argus.media.srt.SrtClient}, a camera whose source is {@code srt://}), both
 * demuxing MPEG-TS into the stream hub. SRT itself (ARQ, encryption, timing) is libsrt's, reached through
 * {@code internal}.
 *
 * <p>Layer: argus-media (module argus-media-srt). May import the codec layer ({@code io.argus.media.codec} and
 * its {@code format.ts}), the hub, paths, {@code io.argus.media.srt.internal}, JNA's types that the internal
 * binding's signatures carry, Netty's buffers, SLF4J and the JDK.
 */
package io.argus.media.srt;
