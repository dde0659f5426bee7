package io.argus.media.hls;

import java.time.Duration;

/**
 * How a camera's LL-HLS rendition is cut and how long it is kept.
 *
 * @param partTarget     the longest a part may last (the playlist's {@code PART-TARGET})
 * @param segmentTarget  a segment ends at the first keyframe at or after this duration
 * @param windowSegments complete segments kept and listed behind the one being written
 * @param maxWindowBytes most payload bytes the window may hold; older segments go first
 * @param idleTimeout    a muxer nobody asked anything of for this long stops and releases its window
 */
public record LlHlsSettings(Duration partTarget, Duration segmentTarget, int windowSegments, long maxWindowBytes,
                            Duration idleTimeout) {

    /**
     * 300 ms: Apple's LL-HLS guidance is 200 ms to 1 s per part; a third of a second makes hls.js hold back
     * about a second (three parts) while the request rate stays near three playlist reloads a second per viewer.
     */
    public static final Duration PART_TARGET = Duration.ofMillis(300);

    /** 2 s: the usual LL-HLS segment, so a player that falls back to whole segments is still a few seconds behind. */
    public static final Duration SEGMENT_TARGET = Duration.ofSeconds(2);

    /**
     * 4 segments behind the one being written (about 8 s): enough for a player that joins or stalls to find the
     * segment it needs (RFC 8216bis §6.2.2 wants at least three target durations listed), short enough to bound
     * memory.
     */
    public static final int WINDOW_SEGMENTS = 4;

    /**
     * 32 MiB: 8 s of 12 Mbit/s video is 12 MiB, so this only bites for cameras with very long GOPs (a segment
     * cannot end before the next keyframe); a window that cannot fit even its open segment stops the muxer.
     */
    public static final long MAX_WINDOW_BYTES = 32L << 20;

    /** 30 s: a player reloads every part (a third of a second); half a minute of silence means it left. */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

    public static final LlHlsSettings DEFAULT = new LlHlsSettings(PART_TARGET, SEGMENT_TARGET, WINDOW_SEGMENTS,
            MAX_WINDOW_BYTES, IDLE_TIMEOUT);

    public LlHlsSettings {
        if (partTarget.isNegative() || partTarget.isZero() || segmentTarget.compareTo(partTarget) < 0) {
            throw new IllegalArgumentException("need 0 < partTarget <= segmentTarget, got " + partTarget + ", "
                    + segmentTarget);
        }
        if (windowSegments < 1 || maxWindowBytes < 1 || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("windowSegments, maxWindowBytes and idleTimeout must be positive");
        }
    }
}
