/**
 * HLS playlists as text (RFC 8216bis, "HTTP Live Streaming 2nd Edition"): {@link
 * io.argus.media.codec.format.m3u8.M3u8Writer} writes the media playlist tags, attribute quoting and number and date
 * formats once, for the live LL-HLS muxer and the recorded-playback playlists alike. What goes in a playlist (which
 * segments, parts and byte ranges) stays with them.
 *
 * <p>Layer: pure bytes (text). May import the JDK only; nothing from Netty or another Argus package.
 */
package io.argus.media.codec.format.m3u8;
