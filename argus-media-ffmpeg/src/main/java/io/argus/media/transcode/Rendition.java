package io.argus.media.transcode;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a live transcode makes: H.264 at a height (0 keeps the source's size) and a bitrate (0 picks one from the
 * output size). The named renditions are {@code h264} (same size), {@code 720p} and {@code 360p}; a width and a
 * bitrate within {@link #MIN_WIDTH}..{@link #MAX_WIDTH} and {@link #MIN_KBPS}..{@link #MAX_KBPS} make a custom one.
 * A rendition never upscales: a 480p camera asked for 720p gets its own size.
 *
 * @param name        the canonical name, also the key of the shared transcode ({@code h264}, {@code 720p},
 *                    {@code 360p}, or {@code w<width>-b<kbps>} for custom ones)
 * @param width       output width, 0 for the source's (or the one {@code height} implies)
 * @param height      output height, 0 for the source's (or the one {@code width} implies)
 * @param bitrateKbps target bitrate, 0 for {@link #defaultKbps}
 */
public record Rendition(String name, int width, int height, int bitrateKbps) {
    public static final Rendition H264 = new Rendition("h264", 0, 0, 0);
    public static final Rendition P720 = new Rendition("720p", 0, 720, 2500);
    public static final Rendition P360 = new Rendition("360p", 0, 360, 800);

    /** Narrower than a thumbnail is not worth a transcode; 160 is QQVGA's width. */
    public static final int MIN_WIDTH = 160;
    /** 4K UHD: wider costs more than a node should spend on one viewer's request. */
    public static final int MAX_WIDTH = 3840;
    /** Below 100 kbit/s H.264 at any useful size is mush. */
    public static final int MIN_KBPS = 100;
    /** 20 Mbit/s: more than any camera this node transcodes needs at its own size. */
    public static final int MAX_KBPS = 20_000;

    public Rendition {
        Objects.requireNonNull(name);
        if (width != 0 && (width < MIN_WIDTH || width > MAX_WIDTH || width % 2 != 0)) {
            throw new IllegalArgumentException("width must be an even number in " + MIN_WIDTH + ".." + MAX_WIDTH);
        }
        if (height < 0 || height > MAX_WIDTH || height % 2 != 0) {
            throw new IllegalArgumentException("height must be an even number in 0.." + MAX_WIDTH);
        }
        if (bitrateKbps != 0 && (bitrateKbps < MIN_KBPS || bitrateKbps > MAX_KBPS)) {
            throw new IllegalArgumentException("bitrate must be " + MIN_KBPS + ".." + MAX_KBPS + " kbit/s");
        }
    }

    /**
     * The rendition a request names: {@code rendition} is {@code h264}, {@code 720p} or {@code 360p}; {@code width}
     * and {@code bitrateKbps} (either may be null) override its size and bitrate, within the limits.
     *
     * @throws IllegalArgumentException naming what is wrong, for a 400
     */
    public static Rendition parse(String rendition, Integer width, Integer bitrateKbps) {
        Rendition base = switch (rendition == null ? "h264" : rendition) {
            case "h264" -> H264;
            case "720p" -> P720;
            case "360p" -> P360;
            default -> throw new IllegalArgumentException("rendition must be h264, 720p or 360p");
        };
        if (width == null && bitrateKbps == null) {
            return base;
        }
        int w = width == null ? base.width : width;
        int h = width == null ? base.height : 0;
        int kbps = bitrateKbps == null ? 0 : bitrateKbps;
        return new Rendition((w == 0 ? (h == 0 ? "src" : h + "p") : "w" + w) + "-b" + kbps, w, h, kbps);
    }

    /** The query parameters a request names a rendition with, in the order they are carried on to other URIs. */
    public static final List<String> QUERY_PARAMETERS = List.of("rendition", "width", "bitrate");

    /**
     * The rendition a request's query names ({@code rendition}, {@code width}, {@code bitrate} in kbit/s), or null
     * when it names none (the camera's own video).
     *
     * @throws IllegalArgumentException naming what is wrong, for a 400
     */
    public static Rendition fromQuery(Function<String, String> query) {
        String name = query.apply("rendition");
        String width = query.apply("width");
        String bitrate = query.apply("bitrate");
        if (name == null && width == null && bitrate == null) {
            return null;
        }
        return parse(name, number("width", width), number("bitrate", bitrate));
    }

    private static Integer number(String name, String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number");
        }
    }

    /**
     * The output size for a {@code srcWidth}x{@code srcHeight} source: the aspect ratio kept, both sides even
     * (4:2:0 chroma is half the size both ways), never larger than the source.
     */
    public int[] outputSize(int srcWidth, int srcHeight) {
        int w;
        int h;
        if (width != 0 && width < srcWidth) {
            w = width;
            h = even(srcHeight * (double) width / srcWidth);
        } else if (width == 0 && height != 0 && height < srcHeight) {
            h = height;
            w = even(srcWidth * (double) height / srcHeight);
        } else {
            w = srcWidth & ~1;
            h = srcHeight & ~1;
        }
        return new int[] {w, h};
    }

    /** The bitrate for an output of {@code w}x{@code h}: this rendition's, or about 0.1 bit per pixel at 25 fps. */
    public int kbpsFor(int w, int h) {
        return bitrateKbps != 0 ? bitrateKbps : defaultKbps(w, h);
    }

    static int defaultKbps(int w, int h) {
        return Math.clamp((long) w * h * 25 / 10_000, MIN_KBPS, 8_000);
    }

    private static int even(double v) {
        return Math.max(2, (int) Math.round(v / 2) * 2);
    }
}
