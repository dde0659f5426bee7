package io.argus.sim.ptz;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * A 4:2:0 picture in video range (BT.601), in whole macroblocks ({@code codedWidth} x {@code codedHeight}) of which
 * the top-left {@code width} x {@code height} is shown. Planes are row-major; chroma is half size each way.
 */
public record YuvPicture(int width, int height, int codedWidth, int codedHeight, byte[] y, byte[] cb, byte[] cr) {
    public YuvPicture {
        if (y.length != codedWidth * codedHeight || cb.length != y.length / 4 || cr.length != y.length / 4) {
            throw new IllegalArgumentException("planes do not match " + codedWidth + "x" + codedHeight);
        }
    }

    /** Macroblock ({@code mx}, {@code my})'s samples as I_PCM orders them (§7.3.5): 256 luma, 64 Cb, 64 Cr. */
    void macroblock(int mx, int my, byte[] out) {
        int n = 0;
        for (int row = 0; row < 16; row++) {
            System.arraycopy(y, (my * 16 + row) * codedWidth + mx * 16, out, n, 16);
            n += 16;
        }
        int cw = codedWidth / 2;
        for (byte[] plane : new byte[][] {cb, cr}) {
            for (int row = 0; row < 8; row++) {
                System.arraycopy(plane, (my * 8 + row) * cw + mx * 8, out, n, 8);
                n += 8;
            }
        }
    }

    /** The shown part as RGB (BT.601 video range, as decoders convert it). */
    public BufferedImage image() {
        int[] rgb = new int[width * height];
        int cw = codedWidth / 2;
        for (int j = 0; j < height; j++) {
            for (int i = 0; i < width; i++) {
                double l = 1.164 * ((y[j * codedWidth + i] & 0xff) - 16);
                int c = j / 2 * cw + i / 2;
                double u = (cb[c] & 0xff) - 128;
                double v = (cr[c] & 0xff) - 128;
                rgb[j * width + i] = clamp(l + 1.596 * v) << 16 | clamp(l - 0.392 * u - 0.813 * v) << 8
                        | clamp(l + 2.017 * u);
            }
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, width, height, rgb, 0, width);
        return img;
    }

    /** The shown part as a JPEG (ImageIO's default quality, 0.75). */
    public byte[] jpeg() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(width * height / 8);
        try {
            ImageIO.write(image(), "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
