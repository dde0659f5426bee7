package io.argus.media.codec.sdp;

import io.argus.media.codec.MediaFormat;

/**
 * One m= section as a track Argus can or cannot carry.
 *
 * @param index       the position of the m= section
 * @param media       the description it came from
 * @param payloadType the chosen payload type (the first supported one on the m= line, else the first)
 * @param format      the format, or null when the codec (or its variant) is unsupported
 * @param codecName   what the track carries, for operators: {@code H264}, {@code MJPEG}, {@code PCMA},
 *                    {@code H264 (packetization-mode=2)}, …
 */
public record SdpTrack(int index, MediaDescription media, int payloadType, MediaFormat format, String codecName) {

    public boolean supported() {
        return format != null;
    }

    /** The media-level control value, or null. */
    public String control() {
        return media.control();
    }
}
