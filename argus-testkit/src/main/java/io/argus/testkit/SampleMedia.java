package io.argus.testkit;

import io.argus.sim.samples.SimSample;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The sample media for tests: the simulator's videos ({@link SimSample}, in argus-sim-samples) and the test kit's
 * own audio under {@code io/argus/testkit/media/} (how each was made: the README beside each). Video samples are
 * Annex B elementary streams, 4 s at 25 fps, 100 frames, an IDR every 50 frames and no B-frames; the audio sample
 * is ADTS.
 */
public enum SampleMedia {
    /** H.264 High@4.0, 1920x1080, 25 fps, about 2 Mbit/s. */
    H264_1080P25(SimSample.H264_1080P25),
    /** H.264 Main@3.0, 640x360 (cropped from 368 coded lines), 25 fps, about 500 kbit/s. */
    H264_360P25(SimSample.H264_360P25),
    /** H.265 Main, 1920x1080, 25 fps, about 2 Mbit/s, parameter sets before every IRAP. */
    H265_1080P25(SimSample.H265_1080P25),
    /** H.265 Main, 640x360, 25 fps, about 500 kbit/s, parameter sets before every IRAP. */
    H265_360P25(SimSample.H265_360P25),
    /** AAC-LC in ADTS, 48 kHz stereo, 64 kbit/s, 4 s (189 frames of 1024 samples). */
    AAC_48K("aac-48k.aac", 0, 0, 189);

    /** Where the test kit's own samples are (the videos are argus-sim-samples'). */
    private static final String DIR = "/io/argus/testkit/media/";

    private final String resourceName;
    private final String fileName;
    private final int width;
    private final int height;
    private final int frames;

    SampleMedia(SimSample video) {
        this.resourceName = video.resourceName();
        this.fileName = video.fileName();
        this.width = video.width();
        this.height = video.height();
        this.frames = SimSample.FRAMES;
    }

    SampleMedia(String fileName, int width, int height, int frames) {
        this.resourceName = DIR + fileName;
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
        URL url = SampleMedia.class.getResource(resourceName);
        if (url == null) {
            throw new IllegalStateException("sample missing from the classpath: " + fileName);
        }
        return url;
    }

    /** The whole file. */
    public byte[] bytes() {
        return Resources.bytes(resourceName);
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
