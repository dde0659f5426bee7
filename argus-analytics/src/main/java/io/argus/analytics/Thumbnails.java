package io.argus.analytics;

import io.argus.media.decode.ScaledFrame;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * JPEG thumbnails of sampled pictures, with the JDK's encoder: the picture is already small (the analysis size), so
 * no native encoder or second scaling is needed.
 */
final class Thumbnails {
    private Thumbnails() {
    }

    /** <b>Borrows</b> the picture. */
    static byte[] jpeg(ScaledFrame picture) {
        int w = picture.width();
        int h = picture.height();
        byte[] rgb = picture.rgb();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0, p = y * w * 3; x < w; x++, p += 3) {
                row[x] = (rgb[p] & 0xff) << 16 | (rgb[p + 1] & 0xff) << 8 | rgb[p + 2] & 0xff;
            }
            img.setRGB(0, y, w, 1, row, 0, w);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            ImageIO.write(img, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
