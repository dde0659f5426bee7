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
        return write(gops, ended, new Segments() {
            @Override
            public void map(M3u8Writer m3u8, Gop g, boolean newChunk) {
                if (newChunk) {
                    m3u8.map(chunkUri.apply(g.chunk()), g.media().initSize(), 0);
                }
            }

            @Override
            public void segment(M3u8Writer m3u8, Gop g) {
                m3u8.byteRange(g.length(), g.offset()).uri(chunkUri.apply(g.chunk()));
            }
        });
    }

    /**
     * Writes the playlist of a transcode of {@code gops}: the same segments, tags and times, but each segment a
     * whole file of its own ({@code segmentUri}) behind an init segment of its own ({@code initUri}, an
     * {@code EXT-X-MAP} per segment, §4.3.2.5): a segment's transcode makes its own parameter sets.
     */
    public static String writeTranscoded(List<Gop> gops, Function<Gop, String> initUri,
                                         Function<Gop, String> segmentUri, boolean ended) {
        return write(gops, ended, new Segments() {
            @Override
            public void map(M3u8Writer m3u8, Gop g, boolean newChunk) {
                m3u8.map(initUri.apply(g));
            }

            @Override
            public void segment(M3u8Writer m3u8, Gop g) {
                m3u8.uri(segmentUri.apply(g));
            }
        });
    }

    /** How a playlist points at a segment's bytes: its init segment, then the segment. */
    private interface Segments {
        void map(M3u8Writer m3u8, Gop gop, boolean newChunk);

        void segment(M3u8Writer m3u8, Gop gop);
    }

    private static String write(List<Gop> gops, boolean ended, Segments segments) {
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
        for (Gop g : gops) {
            boolean newChunk = !g.chunk().equals(chunk);
            if (newChunk && chunk != null) {
                m3u8.discontinuity();
            }
            segments.map(m3u8, g, newChunk);
            if (newChunk) {
                chunk = g.chunk();
                m3u8.programDateTime(g.start());
            } else if (Duration.between(previousEnd, g.start()).abs().compareTo(HOLE) > 0) {
                m3u8.programDateTime(g.start());
            }
            m3u8.extinf(g.duration());
            segments.segment(m3u8, g);
            previousEnd = g.end();
        }
        if (ended) {
            m3u8.endList();
        }
        return m3u8.toString();
    }
}
