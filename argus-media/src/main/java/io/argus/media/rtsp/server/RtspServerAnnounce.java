package io.argus.media.rtsp.server;

import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.sdp.SdpControl;
import io.argus.media.codec.sdp.SdpTrack;
import io.argus.media.path.Path;
import io.argus.media.path.SourceListener;
import java.util.ArrayList;
import java.util.List;

/**
 * What a publisher announced (ANNOUNCE, RFC 2326 §10.3): the path it claimed, its tracks and their controls.
 * Unsupported announced tracks are accepted at SETUP and their packets discarded, so a publisher that also
 * sends, say, Opus still gets its video through.
 */
final class RtspServerAnnounce {
    private final Path path;
    private final SourceListener publisher;
    private final List<String> controls = new ArrayList<>();
    private final int[] streamTrack;
    private final List<MediaFormat> formats = new ArrayList<>();
    private boolean ended;

    RtspServerAnnounce(Path path, SourceListener publisher, String requestUri, List<SdpTrack> tracks) {
        this.path = path;
        this.publisher = publisher;
        this.streamTrack = new int[tracks.size()];
        for (int i = 0; i < tracks.size(); i++) {
            SdpTrack t = tracks.get(i);
            controls.add(SdpControl.resolve(requestUri, t.control()));
            streamTrack[i] = t.supported() ? formats.size() : -1;
            if (t.supported()) {
                formats.add(t.format());
            }
        }
    }

    Path path() {
        return path;
    }

    SourceListener publisher() {
        return publisher;
    }

    List<MediaFormat> formats() {
        return formats;
    }

    /**
     * The announced track a SETUP URL names: its resolved control, or (clients differ in how they join base
     * and control) one whose control ends with the URL's last segment. Returns -1 if none.
     */
    int announcedIndex(String setupUri, String lastSegment) {
        for (int i = 0; i < controls.size(); i++) {
            if (controls.get(i).equals(setupUri)) {
                return i;
            }
        }
        for (int i = 0; lastSegment != null && i < controls.size(); i++) {
            if (controls.get(i).endsWith("/" + lastSegment)) {
                return i;
            }
        }
        return controls.size() == 1 ? 0 : -1;
    }

    /** The stream track of announced track {@code i}, -1 if unsupported. */
    int streamTrack(int i) {
        return streamTrack[i];
    }

    void end(String reason) {
        if (!ended) {
            ended = true;
            publisher.onEnded(reason);
        }
    }
}
