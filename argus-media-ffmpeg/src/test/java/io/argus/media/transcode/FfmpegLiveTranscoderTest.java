package io.argus.media.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.Codec;
import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.h264.AnnexB;
import io.argus.media.codec.h264.AnnexBAccessUnits;
import io.argus.media.codec.h264.H264AccessUnits;
import io.argus.media.codec.h265.H265AccessUnits;
import io.argus.testkit.Ffprobe;
import io.argus.testkit.SampleMedia;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FfmpegLiveTranscoderTest {
    @TempDir
    Path dir;

    /** What the transcoder hands out: the format and the units, in order. */
    private static final class Collected implements FfmpegLiveTranscoder.Output {
        MediaFormat.H264 format;
        int width;
        int height;
        final List<AccessUnit> units = new ArrayList<>();

        @Override
        public void started(MediaFormat.H264 f, int w, int h) {
            format = f;
            width = w;
            height = h;
        }

        @Override
        public void accessUnit(AccessUnit au) {
            units.add(au);
        }

        void release() {
            units.forEach(AccessUnit::release);
        }
    }

    static List<AccessUnit> units(SampleMedia sample, Codec codec) {
        ByteBuf file = Unpooled.directBuffer().writeBytes(sample.bytes());
        try {
            return AnnexBAccessUnits.fromAnnexB(codec == Codec.H264 ? H264AccessUnits.SYNTAX
                    : H265AccessUnits.SYNTAX, file, 0, 3600);
        } finally {
            file.release();
        }
    }

    /** The source's parameter sets left out of the format: the transcoder must find them in band. */
    static MediaFormat emptyFormat(Codec codec) {
        return codec == Codec.H264 ? new MediaFormat.H264(null, null) : new MediaFormat.H265(null, null, null);
    }

    /**
     * Transcodes every unit of {@code in} and prints what it cost: the thread's CPU time per picture (so the figure
     * holds on a busy machine; wall time there is other processes' too) as transcodes per core at 25 fps, and the
     * median wall time of one picture through decode, scale and encode (the latency a transcode adds).
     */
    private static void transcodeAll(FfmpegLiveTranscoder t, List<AccessUnit> in, MediaFormat format, String what)
            throws TranscodeException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] wall = new long[in.size()];
        long cpu0 = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < in.size(); i++) {
            long t0 = System.nanoTime();
            t.transcode(in.get(i), format);
            wall[i] = System.nanoTime() - t0;
        }
        double cpuMsPerPicture = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6 / in.size();
        Arrays.sort(wall);
        System.out.printf("transcode %s: %.1f ms CPU per picture = %.2f live 25 fps transcodes per core; "
                + "one picture takes %.1f ms (median wall)%n", what, cpuMsPerPicture, 1000 / (cpuMsPerPicture * 25),
                wall[wall.length / 2] / 1e6);
    }

    @Test
    void h265At1080pBecomes640x360H264WithTheSourcesKeyframes() throws Exception {
        Ffprobe.assumeInstalled();
        List<AccessUnit> in = units(SampleMedia.H265_1080P25, Codec.H265);
        Collected out = new Collected();
        try (FfmpegLiveTranscoder t = new FfmpegLiveTranscoder(emptyFormat(Codec.H265), Rendition.P360,
                Hardware.NONE, out, PooledByteBufAllocator.DEFAULT)) {
            transcodeAll(t, in, emptyFormat(Codec.H265), "1080p25 H.265 -> 360p H.264");
            assertThat(t.encoder()).isEqualTo("libx264");
            assertThat(t.decodeErrors()).isZero();
        }
        try {
            assertThat(out.width).isEqualTo(640);
            assertThat(out.height).isEqualTo(360);
            // One picture out per picture in (zerolatency: nothing held back), same timestamps.
            assertThat(out.units).hasSize(in.size());
            for (int i = 0; i < in.size(); i++) {
                assertThat(out.units.get(i).pts()).isEqualTo(in.get(i).pts());
                assertThat(out.units.get(i).dts()).isEqualTo(out.units.get(i).pts());
                assertThat(out.units.get(i).keyframe()).as("keyframe of picture " + i).isEqualTo(in.get(i).keyframe());
            }
            Path file = write(out);
            Ffprobe.Probe p = Ffprobe.probeStream(file, "v:0");
            assertThat(p.stream()).containsEntry("codec_name", "h264").containsEntry("width", "640")
                    .containsEntry("height", "360").containsEntry("nb_read_frames", Integer.toString(in.size()));
            assertThat(Ffprobe.decodeErrors(file)).isEmpty();
        } finally {
            in.forEach(AccessUnit::release);
            out.release();
        }
    }

    @Test
    void h265At1080pBecomes1280x720() throws Exception {
        List<AccessUnit> in = units(SampleMedia.H265_1080P25, Codec.H265);
        Collected out = new Collected();
        try (FfmpegLiveTranscoder t = new FfmpegLiveTranscoder(emptyFormat(Codec.H265), Rendition.P720,
                Hardware.NONE, out, PooledByteBufAllocator.DEFAULT)) {
            transcodeAll(t, in, emptyFormat(Codec.H265), "1080p25 H.265 -> 720p H.264");
        }
        try {
            assertThat(out.width).isEqualTo(1280);
            assertThat(out.height).isEqualTo(720);
            assertThat(out.units).hasSize(in.size());
        } finally {
            in.forEach(AccessUnit::release);
            out.release();
        }
    }

    @Test
    void h264RenditionKeepsTheSourcesSize() throws Exception {
        List<AccessUnit> in = units(SampleMedia.H264_360P25, Codec.H264);
        Collected out = new Collected();
        try (FfmpegLiveTranscoder t = new FfmpegLiveTranscoder(emptyFormat(Codec.H264), Rendition.H264,
                Hardware.NONE, out, PooledByteBufAllocator.DEFAULT)) {
            for (AccessUnit au : in) {
                t.transcode(au, emptyFormat(Codec.H264));
            }
        }
        try {
            assertThat(out.width).isEqualTo(640);
            assertThat(out.height).isEqualTo(360);
            assertThat(out.format.hasParameterSets()).isTrue();
            assertThat(out.units).hasSize(in.size());
            assertThat(out.units.getFirst().keyframe()).isTrue();
        } finally {
            in.forEach(AccessUnit::release);
            out.release();
        }
    }

    @Test
    void aCorruptPictureIsCountedAndSkipped() throws Exception {
        List<AccessUnit> in = units(SampleMedia.H264_360P25, Codec.H264);
        Collected out = new Collected();
        AccessUnit garbage = AccessUnit.of(0, Codec.H264, 1, false, Unpooled.wrappedBuffer(new byte[] {0x41, 1, 2}),
                0);
        try (FfmpegLiveTranscoder t = new FfmpegLiveTranscoder(emptyFormat(Codec.H264), Rendition.P360,
                Hardware.NONE, out, PooledByteBufAllocator.DEFAULT)) {
            t.transcode(garbage, emptyFormat(Codec.H264));
            for (AccessUnit au : in) {
                t.transcode(au, emptyFormat(Codec.H264));
            }
            assertThat(out.units).hasSize(in.size());
        } finally {
            garbage.release();
            in.forEach(AccessUnit::release);
            out.release();
        }
    }

    /**
     * A camera's timestamps start near its uptime, not at 0 (issue 17: a rendition ran the camera's uptime behind
     * the camera's own stream). Each transcoded picture carries its source picture's timestamps, whatever the
     * offset: here 20 s and, past 2^32 ticks of 90 kHz (13 h 15 min), a camera up for a day.
     */
    @Test
    void theSourcesTimelineIsKeptWhereverItStarts() throws Exception {
        for (long offset : new long[] {20 * 90_000L, 24 * 3600 * 90_000L}) {
            for (Codec codec : new Codec[] {Codec.H264, Codec.H265}) {
                List<AccessUnit> in = units(codec == Codec.H264 ? SampleMedia.H264_360P25 : SampleMedia.H265_360P25,
                        codec);
                in.forEach(au -> au.retime(au.pts() + offset, au.dts() + offset));
                Collected out = new Collected();
                try (FfmpegLiveTranscoder t = new FfmpegLiveTranscoder(emptyFormat(codec), Rendition.P360,
                        Hardware.NONE, out, PooledByteBufAllocator.DEFAULT)) {
                    for (AccessUnit au : in) {
                        t.transcode(au, emptyFormat(codec));
                    }
                }
                try {
                    assertThat(out.units).as(codec + " +" + offset).hasSize(in.size());
                    for (int i = 0; i < in.size(); i++) {
                        assertThat(out.units.get(i).pts()).as(codec + " +" + offset + " picture " + i)
                                .isEqualTo(in.get(i).pts());
                        assertThat(out.units.get(i).keyframe()).isEqualTo(in.get(i).keyframe());
                    }
                } finally {
                    in.forEach(AccessUnit::release);
                    out.release();
                }
            }
        }
    }

    private Path write(Collected out) throws IOException {
        ByteBuf b = Unpooled.buffer();
        try {
            for (AccessUnit au : out.units) {
                if (au.keyframe()) {
                    b.writeInt(1).writeBytes(out.format.sps()).writeInt(1).writeBytes(out.format.pps());
                }
                AnnexB.write(au, b);
            }
            Path file = dir.resolve("out.h264");
            Files.write(file, ByteBufUtil.getBytes(b));
            return file;
        } finally {
            b.release();
        }
    }
}
