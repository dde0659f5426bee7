package io.argus.media.decode;

/**
 * A decoded picture scaled down for analysis: an 8-bit luma plane and packed RGB (3 bytes a pixel), both row after
 * row with no padding, at most {@code maxWidth} wide with the picture's aspect ratio. The arrays are reused for
 * every picture of the same size: a reader copies what it keeps past the next decode.
 */
public final class ScaledFrame {
    /** Larger than analytics need (detectors take 300 to 640 pixels); the bound keeps a frame's arrays small. */
    public static final int MAX_WIDTH = 1920;

    private final int maxWidth;
    private int width;
    private int height;
    private byte[] gray = new byte[0];
    private byte[] rgb = new byte[0];
    private long pts;

    public ScaledFrame(int maxWidth) {
        if (maxWidth < 16 || maxWidth > MAX_WIDTH) {
            throw new IllegalArgumentException("a frame is 16 to " + MAX_WIDTH + " pixels wide, got " + maxWidth);
        }
        this.maxWidth = maxWidth;
    }

    /** Sizes the frame for a picture of {@code srcWidth x srcHeight}: even sizes, the aspect ratio kept. */
    void fit(int srcWidth, int srcHeight) {
        int w = Math.min(maxWidth, srcWidth) & ~1;
        int h = Math.max(2, (int) Math.round((double) srcHeight * w / srcWidth) & ~1);
        if (w != width || h != height) {
            width = w;
            height = h;
            gray = new byte[w * h];
            rgb = new byte[w * h * 3];
        }
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Luma, {@code width * height} bytes. */
    public byte[] gray() {
        return gray;
    }

    /** Packed RGB, {@code width * height * 3} bytes. */
    public byte[] rgb() {
        return rgb;
    }

    /** The presentation time of the picture, in the track's clock, as the access unit carried it. */
    public long pts() {
        return pts;
    }

    void pts(long value) {
        this.pts = value;
    }
}
