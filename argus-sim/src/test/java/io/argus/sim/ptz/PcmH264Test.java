package io.argus.sim.ptz;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.onvif.client.PtzVector;
import io.argus.testkit.Ffprobe;
import io.argus.testkit.tier.Interop;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FFmpeg decodes what {@link PcmH264} encodes, sample for sample (I_PCM is lossless), at sizes cropped and not. */
@Interop
class PcmH264Test {
    @TempDir
    Path dir;

    @Test
    void ffmpegDecodesTheViewExactlyAndTheSkipPicturesRepeatIt() throws Exception {
        decodesExactly(new PtzVector(0.5, -0.25, 0.3), 640, 360);
        decodesExactly(new PtzVector(-1, 1, 0), 64, 48);
    }

    private void decodesExactly(PtzVector at, int width, int height) throws Exception {
        Ffprobe.assumeInstalled();
        PcmH264 coder = new PcmH264(width, height);
        YuvPicture picture = Scene.view(at, width, height);
        ByteArrayOutputStream annexB = new ByteArrayOutputStream();
        int skips = PcmH264.MAX_FRAME_NUM + 2; // frame_num wraps
        for (byte[] nal : new byte[][] {coder.sps(), coder.pps(), coder.idr(picture)}) {
            annexB.write(new byte[] {0, 0, 0, 1});
            annexB.write(nal);
        }
        for (int i = 1; i <= skips; i++) {
            annexB.write(new byte[] {0, 0, 0, 1});
            annexB.write(coder.skip(i % PcmH264.MAX_FRAME_NUM));
        }
        Path in = dir.resolve("pcm-" + width + ".h264");
        Path out = dir.resolve("pcm-" + width + ".yuv");
        Files.write(in, annexB.toByteArray());
        Ffprobe.Output decoded = Ffprobe.ffmpeg("-i", in.toString(), "-f", "rawvideo", "-pix_fmt", "yuv420p",
                out.toString());
        assertThat(decoded.stderr()).as("ffmpeg's complaints").isEmpty();
        byte[] frames = Files.readAllBytes(out);
        byte[] expected = visible(picture);
        assertThat(frames.length).isEqualTo(expected.length * (1 + skips));
        for (int f = 0; f <= skips; f++) {
            assertThat(Arrays.copyOfRange(frames, f * expected.length, (f + 1) * expected.length))
                    .as("frame " + f).isEqualTo(expected);
        }
    }

    /** The shown part's planes, as ffmpeg writes yuv420p. */
    private static byte[] visible(YuvPicture p) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int j = 0; j < p.height(); j++) {
            b.write(p.y(), j * p.codedWidth(), p.width());
        }
        for (byte[] plane : new byte[][] {p.cb(), p.cr()}) {
            for (int j = 0; j < p.height() / 2; j++) {
                b.write(plane, j * p.codedWidth() / 2, p.width() / 2);
            }
        }
        return b.toByteArray();
    }
}
