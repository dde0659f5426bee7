package io.argus.analytics;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.h264.AnnexBAccessUnits;
import io.argus.media.codec.h264.H264AccessUnits;
import io.argus.media.codec.h264.H264NalType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test clips as a camera's access units: OpenCV's {@code vtest.avi} (Debian opencv-doc) re-encoded to H.264. */
final class Clips {
    static final Path VTEST = Path.of("/usr/share/doc/opencv-doc/examples/data/vtest.avi");
    /** vtest.avi is 10 fps: 9000 ticks of the 90 kHz clock a frame. */
    static final long VTEST_FRAME_TICKS = 9000;

    private Clips() {
    }

    /**
     * vtest.avi's first {@code seconds} as H.264 access units (a keyframe every {@code gop} frames, no B-frames),
     * made with the ffmpeg on the path. The caller releases them.
     */
    static List<AccessUnit> vtest(Path dir, int seconds, int gop) throws IOException, InterruptedException {
        return encode(dir, List.of("-i", VTEST.toString()), seconds, gop, VTEST_FRAME_TICKS);
    }

    /**
     * A still scene (a grey test card with a little sensor noise) at 25 fps: what a camera on an empty corridor
     * sends.
     */
    static List<AccessUnit> still(Path dir, int seconds, int gop) throws IOException, InterruptedException {
        return encode(dir, List.of("-f", "lavfi", "-i", "color=c=gray:s=640x360:r=25,noise=alls=4:allf=t"), seconds,
                gop, 3600);
    }

    private static List<AccessUnit> encode(Path dir, List<String> input, int seconds, int gop, long frameTicks)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "clip", ".h264");
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y"));
        cmd.addAll(input);
        cmd.addAll(List.of("-t", Integer.toString(seconds), "-an", "-c:v", "libx264", "-preset", "veryfast", "-bf",
                "0", "-g", Integer.toString(gop), "-keyint_min", Integer.toString(gop), "-sc_threshold", "0", "-f",
                "h264", out.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("ffmpeg.log").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("ffmpeg failed: " + Files.readString(dir.resolve("ffmpeg.log")));
        }
        ByteBuf file = Unpooled.directBuffer().writeBytes(Files.readAllBytes(out));
        try {
            return AnnexBAccessUnits.fromAnnexB(H264AccessUnits.SYNTAX, file, 0, frameTicks);
        } finally {
            file.release();
        }
    }

    /** The SPS and PPS a keyframe carries, as a camera's SDP would give them. */
    static MediaFormat format(AccessUnit key) {
        byte[] sps = null;
        byte[] pps = null;
        for (int i = 0; i < key.unitCount(); i++) {
            ByteBuf nal = key.unit(i);
            int t = H264NalType.of(nal);
            sps = t == H264NalType.SPS ? ByteBufUtil.getBytes(nal) : sps;
            pps = t == H264NalType.PPS ? ByteBufUtil.getBytes(nal) : pps;
        }
        return new MediaFormat.H264(sps, pps);
    }
}
