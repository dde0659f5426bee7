package io.argus.media.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Checks that bytes are a complete JPEG any reader opens. */
final class Jpegs {
    private Jpegs() {
    }

    /** Asserts SOI at the start and EOI at the end, decodes with ImageIO and returns the image. */
    static BufferedImage read(byte[] jpeg) {
        assertThat(jpeg.length).isGreaterThan(4);
        assertThat(jpeg[0] & 0xff).as("SOI").isEqualTo(0xff);
        assertThat(jpeg[1] & 0xff).as("SOI").isEqualTo(0xd8);
        assertThat(jpeg[jpeg.length - 2] & 0xff).as("EOI").isEqualTo(0xff);
        assertThat(jpeg[jpeg.length - 1] & 0xff).as("EOI").isEqualTo(0xd9);
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
            assertThat(img).as("ImageIO reads it").isNotNull();
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
