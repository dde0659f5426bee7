package io.argus.media.codec.format.m3u8;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes a media playlist (RFC 8216bis §4), a tag a call, in the order called: the caller knows which tags its
 * playlist needs; this class knows how each is spelled. Every line ends with LF (§4.1).
 *
 * <p>Numbers: a duration given as a {@code double} of seconds is written with three decimals, to the millisecond
 * (what the live muxer measures); a {@link Duration} to the microsecond, with at least three decimals, so durations
 * summed from exact sample counts stay exact. Both are decimal-floating-point (§4.2). URIs go into
 * quoted-strings and URI lines, so a double quote, CR or LF in one is refused (§4.2).
 */
public final class M3u8Writer {

    /** The kinds of media playlist (§4.4.3.5). */
    public enum PlaylistType {
        /** Segments are only added, never removed: a recording that goes on. */
        EVENT,
        /** The playlist will never change. */
        VOD
    }

    /** §4.4.4.6: ISO 8601 with a time zone and milliseconds. */
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(ZoneOffset.UTC);

    private final StringBuilder out;

    /** @param capacity characters to reserve: a playlist is about 100 per segment */
    public M3u8Writer(int capacity) {
        out = new StringBuilder(capacity);
    }

    /** §4.4.1.1: the first line of every playlist. */
    public M3u8Writer extM3u() {
        return line("#EXTM3U");
    }

    /** §4.4.1.2 EXT-X-VERSION. */
    public M3u8Writer version(int version) {
        out.append("#EXT-X-VERSION:").append(version);
        return end();
    }

    /** §4.4.3.1 EXT-X-TARGETDURATION, in whole seconds. */
    public M3u8Writer targetDuration(long seconds) {
        out.append("#EXT-X-TARGETDURATION:").append(seconds);
        return end();
    }

    /** §4.4.3.2 EXT-X-MEDIA-SEQUENCE: the number of the first segment listed. */
    public M3u8Writer mediaSequence(long msn) {
        out.append("#EXT-X-MEDIA-SEQUENCE:").append(msn);
        return end();
    }

    /** §4.4.3.5 EXT-X-PLAYLIST-TYPE. */
    public M3u8Writer playlistType(PlaylistType type) {
        out.append("#EXT-X-PLAYLIST-TYPE:").append(type.name());
        return end();
    }

    /** §4.4.2.1: every segment decodes without the ones before it. */
    public M3u8Writer independentSegments() {
        return line("#EXT-X-INDEPENDENT-SEGMENTS");
    }

    /** §4.4.3.8 EXT-X-SERVER-CONTROL with CAN-BLOCK-RELOAD=YES (§6.2.5.2) and PART-HOLD-BACK in seconds. */
    public M3u8Writer serverControlBlockingReload(double partHoldBack) {
        out.append("#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=").append(threeDecimals(partHoldBack));
        return end();
    }

    /** §4.4.3.7 EXT-X-PART-INF: the part target duration in seconds. */
    public M3u8Writer partInf(double partTarget) {
        out.append("#EXT-X-PART-INF:PART-TARGET=").append(threeDecimals(partTarget));
        return end();
    }

    /** §4.4.4.5 EXT-X-MAP: the init segment is the whole resource at {@code uri}. */
    public M3u8Writer map(String uri) {
        out.append("#EXT-X-MAP:URI=");
        quoted(uri);
        return end();
    }

    /** §4.4.4.5 EXT-X-MAP with a BYTERANGE: the init segment is {@code length} bytes at {@code offset}. */
    public M3u8Writer map(String uri, long length, long offset) {
        out.append("#EXT-X-MAP:URI=");
        quoted(uri).append(",BYTERANGE=\"").append(length).append('@').append(offset).append('"');
        return end();
    }

    /** §4.4.4.3: the next segment differs in encoding, timestamps or init segment from the one before. */
    public M3u8Writer discontinuity() {
        return line("#EXT-X-DISCONTINUITY");
    }

    /** §4.4.4.6 EXT-X-PROGRAM-DATE-TIME to the millisecond, in UTC: {@code 2025-08-01T10:00:00.000Z}. */
    public M3u8Writer programDateTime(Instant time) {
        out.append("#EXT-X-PROGRAM-DATE-TIME:");
        MILLIS.formatTo(time, out);
        return end();
    }

    /**
     * §4.4.4.6 EXT-X-PROGRAM-DATE-TIME of a microsecond wall clock, in UTC with as many fraction digits as it needs
     * (none, 3 or 6: {@code 2025-08-01T10:00:04.123456Z}).
     */
    public M3u8Writer programDateTimeMicros(long epochMicros) {
        out.append("#EXT-X-PROGRAM-DATE-TIME:")
                .append(Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L),
                        Math.floorMod(epochMicros, 1_000_000L) * 1000));
        return end();
    }

    /** §4.4.4.9 EXT-X-PART: a part of {@code duration} seconds; INDEPENDENT=YES if it starts with a keyframe. */
    public M3u8Writer part(double duration, String uri, boolean independent) {
        out.append("#EXT-X-PART:DURATION=").append(threeDecimals(duration)).append(",URI=");
        quoted(uri);
        if (independent) {
            out.append(",INDEPENDENT=YES");
        }
        return end();
    }

    /** §4.4.4.1 EXTINF of a segment of {@code duration} seconds, to the millisecond, without a title. */
    public M3u8Writer extinf(double duration) {
        out.append("#EXTINF:").append(threeDecimals(duration)).append(',');
        return end();
    }

    /** §4.4.4.1 EXTINF of a segment, to the microsecond ({@link #seconds(Duration)}), without a title. */
    public M3u8Writer extinf(Duration duration) {
        out.append("#EXTINF:").append(seconds(duration).toPlainString()).append(',');
        return end();
    }

    /** §4.4.4.2 EXT-X-BYTERANGE: the next segment is {@code length} bytes at {@code offset} of its URI. */
    public M3u8Writer byteRange(long length, long offset) {
        out.append("#EXT-X-BYTERANGE:").append(length).append('@').append(offset);
        return end();
    }

    /** The URI line that ends a segment's tags (§4.1). */
    public M3u8Writer uri(String uri) {
        out.append(checked(uri));
        return end();
    }

    /** §4.4.5.3 EXT-X-PRELOAD-HINT of the next part, so a client can request it before it exists. */
    public M3u8Writer preloadHintPart(String uri) {
        out.append("#EXT-X-PRELOAD-HINT:TYPE=PART,URI=");
        quoted(uri);
        return end();
    }

    /** §4.4.3.4: no segment will be added. */
    public M3u8Writer endList() {
        return line("#EXT-X-ENDLIST");
    }

    /** The playlist written so far. */
    @Override
    public String toString() {
        return out.toString();
    }

    /** Seconds to the microsecond, at least three decimals: {@code 2.000}, {@code 1.966667}, {@code 0.040}. */
    public static BigDecimal seconds(Duration d) {
        BigDecimal s = BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9))
                .setScale(6, RoundingMode.HALF_UP).stripTrailingZeros();
        return s.scale() < 3 ? s.setScale(3) : s;
    }

    /**
     * The target duration (§4.4.3.1) for a longest segment of {@code longest}: its EXTINF as written, rounded up,
     * at least 1. Rounding up (the RFC rounds to the nearest) keeps every segment within the target.
     */
    public static long targetDuration(Duration longest) {
        return Math.max(1, seconds(longest).setScale(0, RoundingMode.CEILING).longValueExact());
    }

    private static String threeDecimals(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    private StringBuilder quoted(String uri) {
        return out.append('"').append(checked(uri)).append('"');
    }

    /** §4.2: a quoted-string cannot hold a double quote, CR or LF; a URI line cannot hold a line break. */
    private static String checked(String uri) {
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == '"' || c == '\r' || c == '\n') {
                throw new IllegalArgumentException("a playlist URI cannot contain quotes or line breaks: " + uri);
            }
        }
        return uri;
    }

    private M3u8Writer line(String tag) {
        out.append(tag);
        return end();
    }

    private M3u8Writer end() {
        out.append('\n');
        return this;
    }
}
