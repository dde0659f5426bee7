package io.argus.sim.samples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;

/**
 * The sample videos the camera simulator loops, under {@code io/argus/sim/samples/} (how each was made: the
 * README beside them). Annex B elementary streams at 25 fps, an IDR every 50 pictures and no B-frames, parameter
 * sets before every IDR: the test cards 4 s (100 pictures), the walking people 8 s (200 pictures).
 */
public enum SimSample {
    /** H.264 High@4.0, 1920x1080, 25 fps, about 2 Mbit/s. */
    H264_1080P25("h264-1080p25.h264", 1920, 1080),
    /** H.264 Main@3.0, 640x360 (cropped from 368 coded lines), 25 fps, about 500 kbit/s. */
    H264_360P25("h264-360p25.h264", 640, 360),
    /** H.265 Main, 1920x1080, 25 fps, about 2 Mbit/s. */
    H265_1080P25("h265-1080p25.h265", 1920, 1080),
    /** H.265 Main, 640x360, 25 fps, about 500 kbit/s. */
    H265_360P25("h265-360p25.h265", 640, 360),
    /**
     * People walking across a square (OpenCV's {@code vtest.avi}, 8 s of it): H.264 Main@3.1, 768x576, 25 fps,
     * about 300 kbit/s, for analytics (object detection finds 6 or 7 people a picture).
     */
    H264_PEOPLE_576P25("h264-people-576p25.h264", 768, 576, 200),
    /**
     * The same square standing still (one picture of it with sensor noise), 4 s: a camera where nothing happens,
     * beside the people cameras.
     */
    H264_STILL_576P25("h264-still-576p25.h264", 768, 576);

    /** Pictures in every sample but {@link #H264_PEOPLE_576P25}. */
    public static final int FRAMES = 100;

    private static final String DIR = "/io/argus/sim/samples/";

    private final String fileName;
    private final int width;
    private final int height;
    private final int frames;

    SimSample(String fileName, int width, int height) {
        this(fileName, width, height, FRAMES);
    }

    SimSample(String fileName, int width, int height, int frames) {
        this.fileName = fileName;
        this.width = width;
        this.height = height;
        this.frames = frames;
    }

    /** Pictures in the file. */
    public int frames() {
        return frames;
    }

    public String fileName() {
        return fileName;
    }

    /** Luma width in pixels. */
    public int width() {
        return width;
    }

    /** Luma height in pixels. */
    public int height() {
        return height;
    }

    /** The classpath resource's absolute name. */
    public String resourceName() {
        return DIR + fileName;
    }

    public URL resource() {
        URL url = SimSample.class.getResource(resourceName());
        if (url == null) {
            throw new IllegalStateException("sample missing from the classpath: " + fileName);
        }
        return url;
    }

    /** The whole file. */
    public byte[] bytes() {
        return read(resource());
    }

    /**
     * The sample's first picture as a JPEG ({@code still-<height>p.jpg}, decoded from the H.264 sample of that size;
     * the H.265 one shows the same picture): the snapshot of a camera that loops it.
     */
    public byte[] still() {
        URL url = SimSample.class.getResource(DIR + "still-" + height + "p.jpg");
        if (url == null) {
            throw new IllegalStateException("still missing from the classpath for " + fileName);
        }
        return read(url);
    }

    private static byte[] read(URL url) {
        try (InputStream in = url.openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
