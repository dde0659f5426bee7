package io.argus.media.hls;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Writes a media playlist of the window (RFC 8216bis §4.4): complete segments with their {@code EXTINF}, the
 * parts of the last three target durations (§4.4.4.9: parts older than that must not be listed), the open
 * segment's parts and a preload hint for the next part.
 */
final class LlHlsPlaylist {
    /** Playlist version 9: {@code EXT-X-SKIP} capable clients; 6 would do for parts, hls.js accepts both. */
    static final int VERSION = 9;
    /** §4.4.3.8: PART-HOLD-BACK must be at least twice the part target; three times is the recommendation. */
    static final int PART_HOLD_BACK_PARTS = 3;
    /** §4.4.4.9: parts older than this many target durations from the end are dropped from the playlist. */
    static final int PART_LIST_TARGET_DURATIONS = 3;

    static final String INIT = "init.mp4";
    static final String SEGMENT_SUFFIX = ".m4s";
    static final String PART_PREFIX = "part";

    private LlHlsPlaylist() {
    }

    /**
     * @param segments oldest first; only the last may be open (incomplete)
     * @param nextPart the number of the part being written (the preload hint)
     * @param base     prefix of every URI (relative to the playlist)
     * @param query    appended to every URI ("" or "?sig=...")
     */
    static String render(int targetDuration, double partTarget, Collection<LlHlsSegment> segments, long nextPart,
                         String base, String query) {
        StringBuilder b = new StringBuilder(2048);
        b.append("#EXTM3U\n#EXT-X-VERSION:").append(VERSION).append('\n');
        b.append("#EXT-X-TARGETDURATION:").append(targetDuration).append('\n');
        b.append("#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=")
                .append(seconds(partTarget * PART_HOLD_BACK_PARTS)).append('\n');
        b.append("#EXT-X-PART-INF:PART-TARGET=").append(seconds(partTarget)).append('\n');
        List<LlHlsSegment> list = new ArrayList<>(segments);
        b.append("#EXT-X-MEDIA-SEQUENCE:").append(list.isEmpty() ? 0 : list.get(0).msn).append('\n');
        b.append("#EXT-X-MAP:URI=\"").append(base).append(INIT).append(query).append("\"\n");
        int firstWithParts = firstWithParts(list, targetDuration);
        for (int i = 0; i < list.size(); i++) {
            LlHlsSegment s = list.get(i);
            b.append("#EXT-X-PROGRAM-DATE-TIME:").append(Instant.ofEpochSecond(0, s.startWallMicros * 1000))
                    .append('\n');
            if (i >= firstWithParts) {
                for (LlHlsPart p : s.parts) {
                    b.append("#EXT-X-PART:DURATION=").append(seconds(p.duration())).append(",URI=\"").append(base)
                            .append(partName(p.number())).append(query).append('"')
                            .append(p.independent() ? ",INDEPENDENT=YES\n" : "\n");
                }
            }
            if (s.complete()) {
                b.append("#EXTINF:").append(seconds(s.duration())).append(",\n").append(base)
                        .append(segmentName(s.msn)).append(query).append('\n');
            }
        }
        b.append("#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"").append(base).append(partName(nextPart)).append(query)
                .append("\"\n");
        return b.toString();
    }

    /** The index of the first segment whose parts are listed: those ending within three target durations. */
    private static int firstWithParts(List<LlHlsSegment> list, int targetDuration) {
        double behind = 0;
        int i = list.size();
        while (i > 0 && behind < PART_LIST_TARGET_DURATIONS * targetDuration) {
            i--;
            behind += list.get(i).duration();
        }
        return i;
    }

    static String partName(long number) {
        return PART_PREFIX + number + SEGMENT_SUFFIX;
    }

    static String segmentName(long msn) {
        return msn + SEGMENT_SUFFIX;
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }
}
