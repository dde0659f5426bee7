package io.argus.media.reencode;

import java.util.Objects;
import java.util.Set;

/**
 * How a chunk's video is re-encoded: with libx265 at a constant rate factor ({@code crf}) or a target bitrate
 * ({@code kbps}), exactly one of them set.
 *
 * @param crf     x265's CRF, {@value #MIN_CRF}..{@value #MAX_CRF}, or 0 when a bitrate is set
 * @param kbps    target bitrate in kbit/s, {@value #MIN_KBPS}..{@value #MAX_KBPS}, or 0 when a CRF is set
 * @param preset  an x265 preset: slower ones spend CPU time for fewer bytes at the same quality
 * @param threads x265's worker threads: a background job on a recording node must leave the recorders their cores
 */
public record ChunkReencoding(int crf, int kbps, String preset, int threads) {
    /** x265's CRF range is 0..51; below 10 is larger than the camera's own stream, never a saving. */
    public static final int MIN_CRF = 10;
    public static final int MAX_CRF = 51;
    /** Below 50 kbit/s nothing recognisable is left of a surveillance picture. */
    public static final int MIN_KBPS = 50;
    /** 50 Mbit/s: above any camera's own stream, so never a saving beyond it. */
    public static final int MAX_KBPS = 50_000;
    /** At most the cores of a large node: x265 gains little from more threads on one chunk. */
    public static final int MAX_THREADS = 64;
    public static final Set<String> PRESETS = Set.of("ultrafast", "superfast", "veryfast", "faster", "fast",
            "medium", "slow", "slower", "veryslow");

    public ChunkReencoding {
        Objects.requireNonNull(preset, "preset");
        if ((crf == 0) == (kbps == 0)) {
            throw new IllegalArgumentException("give either a crf or a bitrate");
        }
        if (crf != 0 && (crf < MIN_CRF || crf > MAX_CRF)) {
            throw new IllegalArgumentException("crf must be " + MIN_CRF + ".." + MAX_CRF);
        }
        if (kbps != 0 && (kbps < MIN_KBPS || kbps > MAX_KBPS)) {
            throw new IllegalArgumentException("bitrate must be " + MIN_KBPS + ".." + MAX_KBPS + " kbit/s");
        }
        if (!PRESETS.contains(preset)) {
            throw new IllegalArgumentException("preset must be one of " + PRESETS);
        }
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be 1.." + MAX_THREADS);
        }
    }
}
