package io.argus.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The sample media files under {@code io/argus/testkit/media/} (how each was made: the README beside them).
 * Video samples are Annex B elementary streams, 4 s at 25 fps, 100 frames, an IDR every 50 frames and no
 * B-frames; the audio sample is ADTS.
 */
public enum SampleMedia {
    /** H.264 High@4.0, 1920x1080, 25 fps, about 2 Mbit/s. */
    H264_1080P25("h264-1080p25.h264", 1920, 1080, 100),
    /** H.264 Main@3.0, 640x360 (cropped from 368 coded lines), 25 fps, about 500 kbit/s. */
    H264_360P25("h264-360p25.h264", 640, 360, 100),
    /** H.265 Main, 1920x1080, 25 fps, about 2 Mbit/s, parameter sets before every IRAP. */
    H265_1080P25("h265-1080p25.h265", 1920, 1080, 100),
    /** H.265 Main, 640x360, 25 fps, about 500 kbit/s, parameter sets before every IRAP. */
    H265_360P25("h265-360p25.h265", 640, 360, 100),
    /** AAC-LC in ADTS, 48 kHz stereo, 64 kbit/s, 4 s (189 frames of 1024 samples). */
    AAC_48K("aac-48k.aac", 0, 0, 189);

    private static final String DIR = "/io/argus/testkit/media/";

    private final String fileName;
    private final int width;
    private final int height;
    private final int frames;

    SampleMedia(String fileName, int width, int height, int frames) {
        this.fileName = fileName;
        this.width = width;
        this.height = height;
        this.frames = frames;
    }

    public String fileName() {
        return fileName;
    }

    /** Luma width in pixels; 0 for audio. */
    public int width() {
        return width;
    }

    /** Luma height in pixels; 0 for audio. */
    public int height() {
        return height;
    }

    /** Number of video pictures or AAC frames in the file. */
    public int frames() {
        return frames;
    }

    public URL resource() {
        URL url = SampleMedia.class.getResource(DIR + fileName);
        if (url == null) {
            throw new IllegalStateException("sample missing from the classpath: " + fileName);
        }
        return url;
    }

    /** The whole file. */
    public byte[] bytes() {
        return Resources.bytes(DIR + fileName);
    }

    /**
     * A file system path to the sample, for child processes (ffmpeg, GStreamer): the resource itself when it is
     * a plain file, else a copy in the temporary directory.
     */
    public Path path() {
        URL url = resource();
        try {
            if ("file".equals(url.getProtocol())) {
                return Path.of(url.toURI());
            }
            Path copy = Files.createTempFile("argus-", "-" + fileName);
            copy.toFile().deleteOnExit();
            try (InputStream in = url.openStream()) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
