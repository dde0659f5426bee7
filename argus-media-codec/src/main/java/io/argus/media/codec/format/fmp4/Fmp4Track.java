package io.argus.media.codec.format.fmp4;

import io.argus.media.codec.MediaFormat;

/**
 * One track of an init segment, as a playlist or a player needs to describe it.
 *
 * @param trackId   the MP4 track_ID: the track's index in the format list plus one
 * @param format    the format it was written from
 * @param timescale ticks per second of its samples: the format's clock rate (90 000 video, the sample rate audio)
 * @param codecs    the RFC 6381 codecs parameter for HLS {@code CODECS} and MSE {@code addSourceBuffer}
 * @param width     display width in pixels (after cropping); 0 for audio
 * @param height    display height in pixels (after cropping); 0 for audio
 */
public record Fmp4Track(int trackId, MediaFormat format, int timescale, String codecs, int width, int height) {
}
