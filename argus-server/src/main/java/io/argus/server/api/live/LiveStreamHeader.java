package io.argus.server.api.live;

/**
 * The first (text) message of {@code live.ws}: what {@code MediaSource.addSourceBuffer} needs.
 *
 * @param codecs RFC 6381 codecs of the tracks, e.g. {@code avc1.640028}
 * @param mime   the MIME type with them, e.g. {@code video/mp4; codecs="avc1.640028"}
 */
public record LiveStreamHeader(String codecs, String mime) {
}
