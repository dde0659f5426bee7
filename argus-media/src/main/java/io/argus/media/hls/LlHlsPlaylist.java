package io.argus.media.hls;

import io.argus.media.codec.format.m3u8.M3u8Writer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

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
        List<LlHlsSegment> list = new ArrayList<>(segments);
        M3u8Writer m3u8 = new M3u8Writer(2048).extM3u().version(VERSION).targetDuration(targetDuration)
                .serverControlBlockingReload(partTarget * PART_HOLD_BACK_PARTS).partInf(partTarget)
                .mediaSequence(list.isEmpty() ? 0 : list.get(0).msn).map(base + INIT + query);
        int firstWithParts = firstWithParts(list, targetDuration);
        for (int i = 0; i < list.size(); i++) {
            LlHlsSegment s = list.get(i);
            m3u8.programDateTimeMicros(s.startWallMicros);
            if (i >= firstWithParts) {
                for (LlHlsPart p : s.parts) {
                    m3u8.part(p.duration(), base + partName(p.number()) + query, p.independent());
                }
            }
            if (s.complete()) {
                m3u8.extinf(s.duration()).uri(base + segmentName(s.msn) + query);
            }
        }
        return m3u8.preloadHintPart(base + partName(nextPart) + query).toString();
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
}
