package io.argus.storage.playback;

import io.argus.media.codec.format.m3u8.M3u8Writer;
import io.argus.storage.chunk.ChunkRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * An HLS media playlist (RFC 8216, version 7) of recorded GOPs as byte ranges into their chunks:
 * <ul>
 *   <li>each chunk's init segment is an {@code EXT-X-MAP} with a {@code BYTERANGE} into the chunk (§4.3.2.5);</li>
 *   <li>each segment is one {@link Gop}: from a fragment that starts with a keyframe to the next, so every segment
 *       is independent ({@code EXT-X-INDEPENDENT-SEGMENTS}), with its exact duration as {@code EXTINF} and an
 *       {@code EXT-X-BYTERANGE} (§4.3.2.2);</li>
 *   <li>{@code EXT-X-DISCONTINUITY} before every chunk but the first: a new init segment, and the camera's
 *       timestamps may restart (a reconnect) or jump (a gap);</li>
 *   <li>{@code EXT-X-PROGRAM-DATE-TIME} at each chunk's first segment and after any hole inside a chunk, so players
 *       show wall time and gaps are visible;</li>
 *   <li>{@code EXT-X-TARGETDURATION} the longest {@code EXTINF} rounded up (§4.3.3.1);</li>
 *   <li>{@code VOD} with {@code EXT-X-ENDLIST} when the range is over, else {@code EVENT} without it (the player
 *       reloads and sees what is recorded since).</li>
 * </ul>
 */
public final class PlaybackPlaylist {
    /**
     * A jump between segments of one chunk above this gets a new PROGRAM-DATE-TIME: more than rounding (a
     * microsecond per fragment) and less than a frame at any rate.
     */
    private static final Duration HOLE = Duration.ofMillis(1);

    private PlaybackPlaylist() {
    }

    /**
     * Writes the playlist of {@code gops} (in order).
     *
     * @param chunkUri the URI of a chunk, relative to the playlist's own or absolute
     * @param ended    whether the range is over (VOD and ENDLIST) or may still grow (EVENT)
     * @throws IllegalArgumentException if {@code gops} is empty
     */
    public static String write(List<Gop> gops, Function<ChunkRecord, String> chunkUri, boolean ended) {
        if (gops.isEmpty()) {
            throw new IllegalArgumentException("a playlist needs a segment");
        }
        long targetDuration = 1;
        for (Gop g : gops) {
            targetDuration = Math.max(targetDuration, M3u8Writer.targetDuration(g.duration()));
        }
        M3u8Writer m3u8 = new M3u8Writer(256 + gops.size() * 128).extM3u().version(7)
                .targetDuration(targetDuration).mediaSequence(0)
                .playlistType(ended ? M3u8Writer.PlaylistType.VOD : M3u8Writer.PlaylistType.EVENT)
                .independentSegments();
        ChunkRecord chunk = null;
        Instant previousEnd = null;
        String uri = null;
        for (Gop g : gops) {
            if (!g.chunk().equals(chunk)) {
                if (chunk != null) {
                    m3u8.discontinuity();
                }
                chunk = g.chunk();
                uri = chunkUri.apply(chunk);
                m3u8.map(uri, g.media().initSize(), 0).programDateTime(g.start());
            } else if (Duration.between(previousEnd, g.start()).abs().compareTo(HOLE) > 0) {
                m3u8.programDateTime(g.start());
            }
            m3u8.extinf(g.duration()).byteRange(g.length(), g.offset()).uri(uri);
            previousEnd = g.end();
        }
        if (ended) {
            m3u8.endList();
        }
        return m3u8.toString();
    }
}
