package io.argus.media.codec.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed session description.
 *
 * @param name    the {@code s=} line
 * @param control the session-level {@code a=control} value, or null
 * @param media   the m= sections in order
 */
public record SessionDescription(String name, String control, List<MediaDescription> media) {

    public SessionDescription {
        media = List.copyOf(media);
    }

    /** One track per m= section, in order, each supported (with a format) or not (with its codec name). */
    public List<SdpTrack> tracks() {
        List<SdpTrack> tracks = new ArrayList<>(media.size());
        for (int i = 0; i < media.size(); i++) {
            tracks.add(SdpFormats.track(i, media.get(i)));
        }
        return tracks;
    }
}
