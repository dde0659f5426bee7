package io.argus.storage.tier;

import java.util.Locale;

/**
 * A stage's re-encode: chunks moving into the stage have their video encoded again, smaller, at a constant rate
 * factor ({@code crf}) or a target bitrate ({@code kbps}), exactly one of them. The original's hash stays the
 * chunk's link in the hash chain; the converted object's is recorded beside it ({@link
 * io.argus.storage.chunk.ChunkConversion}).
 *
 * <p>Codecs: {@code h265} (libx265). {@code av1} is refused for now: the bytedeco FFmpeg build has libsvtav1 and
 * libaom-av1, but the chunk format (the recorder's fMP4 writer and the playback path) has no AV1 sample entry yet.
 *
 * @param codec {@code h265}
 * @param crf   10..51, or 0 with a bitrate
 * @param kbps  50..50,000 kbit/s, or 0 with a crf
 */
public record TierReencode(String codec, int crf, int kbps) {
    public static final String H265 = "h265";
    public static final String AV1 = "av1";
    public static final int MIN_CRF = 10;
    public static final int MAX_CRF = 51;
    public static final int MIN_KBPS = 50;
    public static final int MAX_KBPS = 50_000;

    public TierReencode {
        codec = codec == null ? H265 : codec.toLowerCase(Locale.ROOT);
        if (codec.equals(AV1)) {
            throw new IllegalArgumentException("codec av1 is not supported yet (the chunk format has no AV1 sample"
                    + " entry); use h265");
        }
        if (!codec.equals(H265)) {
            throw new IllegalArgumentException("codec must be h265");
        }
        if ((crf == 0) == (kbps == 0)) {
            throw new IllegalArgumentException("give either crf or kbps");
        }
        if (crf != 0 && (crf < MIN_CRF || crf > MAX_CRF)) {
            throw new IllegalArgumentException("crf must be " + MIN_CRF + ".." + MAX_CRF);
        }
        if (kbps != 0 && (kbps < MIN_KBPS || kbps > MAX_KBPS)) {
            throw new IllegalArgumentException("kbps must be " + MIN_KBPS + ".." + MAX_KBPS);
        }
    }

    /** The settings in words, as the index records them: {@code crf=28} or {@code 800kbps}. */
    public String settings() {
        return crf != 0 ? "crf=" + crf : kbps + "kbps";
    }

    /** The form the index stores and {@link #parse} reads: {@code h265:crf=28}, {@code h265:800kbps}. */
    public String spec() {
        return codec + ":" + settings();
    }

    /** Reads {@link #spec()}; null for null. */
    public static TierReencode parse(String spec) {
        if (spec == null) {
            return null;
        }
        int colon = spec.indexOf(':');
        String s = spec.substring(colon + 1);
        return s.startsWith("crf=") ? new TierReencode(spec.substring(0, colon), Integer.parseInt(s.substring(4)), 0)
                : new TierReencode(spec.substring(0, colon), 0,
                        Integer.parseInt(s.substring(0, s.length() - "kbps".length())));
    }
}
