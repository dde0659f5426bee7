package io.argus.analytics.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.analytics.geom.Box;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LetterboxTest {
    /** A 4x2 frame whose pixel (x, y) is RGB (10x+y, 100+10x+y, 200+10x+y). */
    private static Frame pattern() {
        byte[] rgb = new byte[4 * 2 * 3];
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 4; x++) {
                int i = (y * 4 + x) * 3;
                rgb[i] = (byte) (10 * x + y);
                rgb[i + 1] = (byte) (100 + 10 * x + y);
                rgb[i + 2] = (byte) (200 + 10 * x + y);
            }
        }
        return new Frame("cam", Instant.EPOCH, 4, 2, rgb);
    }

    private static final Normalization BGR_RAW = new Normalization(new float[] {0, 0, 0}, new float[] {1, 1, 2}, true,
            7);

    @Test
    void aWideFrameIsCentredBetweenPaddedRowsChannelsFirst() {
        ModelSignature sig = new ModelSignature("in", new long[] {-1, 3, 4, 4}, Map.of());
        float[] t = new float[3 * 16 + 5];
        new Letterbox(4, 2, 4, 4).fill(pattern(), BGR_RAW, sig, t, 5);
        // Channel 0 is blue; rows 0 and 3 are padding (7, and 7/2 in the third channel, whose std is 2).
        assertThat(t[5]).isEqualTo(7f);
        assertThat(t[5 + 2 * 16 + 3 * 4 + 3]).isEqualTo(3.5f);
        // Row 1 is the frame's row 0 at scale 1: pixel (2, 0) is RGB (20, 120, 220).
        assertThat(t[5 + 4 + 2]).isEqualTo(220f);
        assertThat(t[5 + 16 + 4 + 2]).isEqualTo(120f);
        assertThat(t[5 + 2 * 16 + 4 + 2]).isEqualTo(10f);
        // Row 2 is the frame's row 1: pixel (3, 1) is RGB (31, 131, 231).
        assertThat(t[5 + 8 + 3]).isEqualTo(231f);
    }

    @Test
    void channelsLastInterleavesInTheModelsOrder() {
        ModelSignature sig = new ModelSignature("in", new long[] {1, 4, 4, 3}, Map.of());
        float[] t = new float[48];
        new Letterbox(4, 2, 4, 4).fill(pattern(), Normalization.YOLO, sig, t, 0);
        int pixel = (1 * 4 + 2) * 3;
        assertThat(t[pixel]).isEqualTo(20 / 255f);
        assertThat(t[pixel + 2]).isEqualTo(220 / 255f);
        assertThat(t[0]).isEqualTo(114 / 255f);
    }

    @Test
    void boxesMapBackToTheFrameAndAreClipped() {
        Letterbox lb = new Letterbox(4, 2, 4, 4);
        assertThat(lb.toFrame(0, 1, 4, 3)).isEqualTo(new Box(0, 0, 1, 1));
        assertThat(lb.toFrame(2, 0, 6, 2)).isEqualTo(new Box(0.5, 0, 0.5, 0.5));
        assertThat(lb.toFrame(0, 3.2, 4, 4)).isNull();
    }
}
