package io.argus.analytics.detect;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/** The hand-labelled vtest.avi frames (test resources vtest/, see its README.md) as analytics frames. */
final class VtestFrames {
    private VtestFrames() {
    }

    /** File name to the number of people counted by eye, in file order. */
    static Map<String, Integer> people() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        new String(bytes("people.txt"), StandardCharsets.US_ASCII).lines().map(l -> l.split(" "))
                .forEach(f -> counts.put(f[0], Integer.parseInt(f[1])));
        return counts;
    }

    static Frame frame(String cameraId, String file, Instant captureTime) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes(file)));
            return frame(cameraId, image, captureTime);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Frame frame(String cameraId, BufferedImage image, Instant captureTime) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = image.getRGB(x, y);
                int i = (y * w + x) * 3;
                rgb[i] = (byte) (p >> 16);
                rgb[i + 1] = (byte) (p >> 8);
                rgb[i + 2] = (byte) p;
            }
        }
        return new Frame(cameraId, captureTime, w, h, rgb);
    }

    private static byte[] bytes(String name) {
        try (InputStream in = VtestFrames.class.getResourceAsStream("vtest/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
