package io.argus.media.snapshot;

/**
 * What picture to make.
 *
 * @param width   the JPEG's width in pixels, the height following the source's aspect ratio; 0 for the source
 *                size. Never upscaled: a width above the source's gives the source size
 * @param quality JPEG quality 1 (smallest) to 100 (best), as image tools use it; mapped onto FFmpeg's mjpeg
 *                quantizer scale 31..2
 */
public record SnapshotOptions(int width, int quality) {
    /** Narrowest picture asked for: below this a thumbnail shows nothing anyway. */
    public static final int MIN_WIDTH = 16;

    /** Widest picture asked for: 8K, the largest frames cameras send. */
    public static final int MAX_WIDTH = 7680;

    /** Good enough to read a licence plate at 1080p, about a third the size of quality 100. */
    public static final int DEFAULT_QUALITY = 80;

    public static final SnapshotOptions DEFAULT = new SnapshotOptions(0, DEFAULT_QUALITY);

    public SnapshotOptions {
        if (width != 0 && (width < MIN_WIDTH || width > MAX_WIDTH)) {
            throw new IllegalArgumentException("width must be " + MIN_WIDTH + ".." + MAX_WIDTH + ": " + width);
        }
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("quality must be 1..100: " + quality);
        }
    }

    /** FFmpeg's mjpeg quantizer scale ({@code -q:v}): 2 is best, 31 worst. */
    int qscale() {
        return 31 - Math.round((quality - 1) * 29f / 99f);
    }
}
