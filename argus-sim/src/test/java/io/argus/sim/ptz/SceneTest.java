package io.argus.sim.ptz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.argus.onvif.client.PtzVector;
import org.junit.jupiter.api.Test;

/** The window a PTZ position sees, and what the scene shows through it. */
class SceneTest {
    @Test
    void panAndTiltReachTheEdgesAtAnyZoomAndZoomNarrowsEightTimes() {
        for (double zoom : new double[] {0, 0.5, 1}) {
            PtzVector rightTop = new PtzVector(1, 1, zoom);
            PtzVector leftBottom = new PtzVector(-1, -1, zoom);
            assertThat(Scene.centreX(rightTop) + Scene.size(rightTop) / 2).isCloseTo(1, within(1e-12));
            assertThat(Scene.centreY(rightTop) - Scene.size(rightTop) / 2).isCloseTo(0, within(1e-12));
            assertThat(Scene.centreX(leftBottom) - Scene.size(leftBottom) / 2).isCloseTo(0, within(1e-12));
            assertThat(Scene.centreY(leftBottom) + Scene.size(leftBottom) / 2).isCloseTo(1, within(1e-12));
        }
        assertThat(Scene.size(PtzVector.ZERO)).isEqualTo(0.5);
        assertThat(Scene.size(new PtzVector(0, 0, 1))).isEqualTo(0.5 / 8);
    }

    @Test
    void panningRightBrightensTiltingDownBluesAndSamplesAreNeverZero() {
        YuvPicture home = Scene.view(PtzVector.ZERO, 64, 36);
        YuvPicture right = Scene.view(new PtzVector(1, 0, 0), 64, 36);
        YuvPicture down = Scene.view(new PtzVector(0, -1, 0), 64, 36);
        assertThat(mean(right.y())).isGreaterThan(mean(home.y()) + 30);
        assertThat(mean(down.cb())).isGreaterThan(mean(home.cb()) + 30);
        assertThat(home.codedWidth()).isEqualTo(64);
        assertThat(home.codedHeight()).isEqualTo(48);
        for (YuvPicture p : new YuvPicture[] {home, right, down}) {
            for (byte[] plane : new byte[][] {p.y(), p.cb(), p.cr()}) {
                for (byte b : plane) {
                    assertThat(b & 0xff).as("I_PCM samples may not be 0").isBetween(16, 240);
                }
            }
        }
    }

    private static double mean(byte[] plane) {
        long sum = 0;
        for (byte b : plane) {
            sum += b & 0xff;
        }
        return (double) sum / plane.length;
    }
}
