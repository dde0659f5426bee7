package io.argus.storage.playback;

import io.argus.storage.chunk.ChunkRecord;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
    /** RFC 8216 §4.3.2.6: ISO-8601 with milliseconds and a zone. */
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(ZoneOffset.UTC);
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
            targetDuration = Math.max(targetDuration, extinf(g.duration()).setScale(0, RoundingMode.CEILING)
                    .longValueExact());
        }
        StringBuilder sb = new StringBuilder(256 + gops.size() * 128);
        sb.append("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:").append(targetDuration)
                .append("\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:").append(ended ? "VOD" : "EVENT")
                .append("\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        ChunkRecord chunk = null;
        Instant previousEnd = null;
        String uri = null;
        for (Gop g : gops) {
            if (!g.chunk().equals(chunk)) {
                if (chunk != null) {
                    sb.append("#EXT-X-DISCONTINUITY\n");
                }
                chunk = g.chunk();
                uri = chunkUri.apply(chunk);
                sb.append("#EXT-X-MAP:URI=\"").append(uri).append("\",BYTERANGE=\"").append(g.media().initSize())
                        .append("@0\"\n");
                sb.append("#EXT-X-PROGRAM-DATE-TIME:").append(DATE_TIME.format(g.start())).append('\n');
            } else if (Duration.between(previousEnd, g.start()).abs().compareTo(HOLE) > 0) {
                sb.append("#EXT-X-PROGRAM-DATE-TIME:").append(DATE_TIME.format(g.start())).append('\n');
            }
            sb.append("#EXTINF:").append(extinf(g.duration()).toPlainString()).append(",\n");
            sb.append("#EXT-X-BYTERANGE:").append(g.length()).append('@').append(g.offset()).append('\n');
            sb.append(uri).append('\n');
            previousEnd = g.end();
        }
        if (ended) {
            sb.append("#EXT-X-ENDLIST\n");
        }
        return sb.toString();
    }

    /** Seconds to the microsecond, at least three decimals ({@code 2.000}, {@code 1.966667}). */
    static BigDecimal extinf(Duration d) {
        BigDecimal s = BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9))
                .setScale(6, RoundingMode.HALF_UP).stripTrailingZeros();
        return s.scale() < 3 ? s.setScale(3) : s;
    }
}
