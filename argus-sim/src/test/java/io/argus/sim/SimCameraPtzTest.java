package io.argus.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.media.codec.Codec;
import io.argus.media.codec.h264.H264NalType;
import io.argus.media.codec.rtp.RtpDepacketizer;
import io.argus.media.codec.rtp.RtpPacket;
import io.argus.media.codec.rtp.RtpPayloadFormats;
import io.argus.media.codec.sei.CaptureTimeSei;
import io.argus.onvif.client.PtzVector;
import io.argus.sim.onvif.OnvifSimConfig;
import io.argus.sim.ptz.PcmH264;
import io.argus.sim.ptz.Scene;
import io.argus.sim.samples.SimSample;
import io.argus.testkit.Await;
import io.argus.testkit.Ffprobe;
import io.argus.testkit.Pictures;
import io.argus.testkit.tier.E2e;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The switch from the sample to a PTZ view, as a reader of the simulator's RTSP stream sees it: the view's SPS, PPS
 * and I_PCM IDR in one access unit (never right after another IDR), then skip pictures counting frame_num, every
 * frame with its capture-time SEI, and a later DESCRIBE announcing the view's parameter sets; and a 1080p view (a
 * 3.1 MB IDR) decoded whole by ffmpeg.
 */
@E2e
class SimCameraPtzTest {
    /** The cached GOP of the sample, the view's IDR (about 255 packets of 1,400 bytes) and frames after it. */
    private static final int PACKETS = 500;

    @Test
    void aMovedCameraSendsTheViewsIdrThenSkipPicturesAndAnnouncesItsParameterSets() throws Exception {
        PtzVector at = new PtzVector(-0.5, 0.5, 0.2);
        PcmH264 coder = new PcmH264(640, 360);
        List<List<byte[]>> frames;
        try (Simulator sim = Simulator.start(new Simulator.Config(1, "127.0.0.1", 0, Codec.H264, 25, false, true),
                OnvifSimConfig.defaults("127.0.0.1", 0, -1))) {
            try (RawRtspReader reader = RawRtspReader.play(sim.subUrl(1), sim.port(), false)) {
                sim.onvif().orElseThrow().device(1).ptz().absoluteMove(at);
                frames = frames(reader.packets(PACKETS));
            }
            try (RawRtspReader later = RawRtspReader.play(sim.subUrl(1), sim.port(), false)) {
                assertThat(later.describe()).contains("sprop-parameter-sets="
                        + Base64.getEncoder().encodeToString(coder.sps()) + ","
                        + Base64.getEncoder().encodeToString(coder.pps()));
            }
            assertThat(sim.onvif().orElseThrow().device(1).ptz().position(Instant.now())).isEqualTo(at);
        }
        int idr = -1;
        for (int i = 0; i < frames.size() && idr < 0; i++) {
            idr = frames.get(i).size() == 3 && frames.get(i).get(0)[1] == 66 ? i : -1;
        }
        assertThat(idr).as("an access unit with the view's parameter sets").isPositive();
        assertThat(frames.get(idr)).containsExactly(coder.sps(), coder.pps(),
                coder.idr(Scene.view(at, 640, 360)));
        assertThat(H264NalType.of(frames.get(idr - 1).get(frames.get(idr - 1).size() - 1)[0]))
                .as("the frame before the view's IDR").isNotEqualTo(H264NalType.IDR);
        assertThat(frames.size() - idr).as("frames after the switch").isGreaterThan(5);
        for (int i = idr + 1; i < idr + 5; i++) {
            assertThat(frames.get(i)).containsExactly(coder.skip(i - idr));
        }
    }

    @Test
    void a1080pViewOfThreeMegabytesAnIdrReachesFfmpegWhole(@TempDir Path dir) throws Exception {
        Ffprobe.assumeInstalled();
        PtzVector at = new PtzVector(0.25, -0.75, 0.6);
        try (Simulator sim = Simulator.start(new Simulator.Config(1, "127.0.0.1", 0, Codec.H264, 25, false),
                OnvifSimConfig.defaults("127.0.0.1", 0, -1))) {
            sim.onvif().orElseThrow().device(1).ptz().absoluteMove(at);
            BufferedImage expected = Scene.view(at, 1920, 1080).image();
            Path png = dir.resolve("main.png");
            Await.until(Duration.ofSeconds(20), Duration.ofMillis(100), () -> {
                Ffprobe.ffmpeg("-rtsp_transport", "tcp", "-i", sim.url(1), "-frames:v", "1", "-y", png.toString());
                return Pictures.difference(read(png), expected) < 2;
            }, "the 1080p view decoded from " + sim.url(1));
        }
    }

    private static BufferedImage read(Path png) {
        try {
            return ImageIO.read(png.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each access unit's NAL units, the capture-time SEI (which every one must carry) left out. */
    private static List<List<byte[]>> frames(List<byte[]> packets) {
        List<List<byte[]>> frames = new ArrayList<>();
        RtpPacket view = new RtpPacket();
        try (SampleLoop sample = SampleLoop.load(SimSample.H264_360P25, Codec.H264);
             RtpDepacketizer d = RtpPayloadFormats.depacketizer(sample.format())) {
            for (byte[] p : packets) {
                ByteBuf buf = Unpooled.wrappedBuffer(p);
                assertThat(view.parse(buf)).isTrue();
                d.receive(view, view.timestamp(), false, System.nanoTime(), au -> {
                    try {
                        assertThat(CaptureTimeSei.read(au)).isNotEqualTo(CaptureTimeSei.NOT_FOUND);
                        List<byte[]> units = new ArrayList<>();
                        for (int i = 0; i < au.unitCount(); i++) {
                            if (CaptureTimeSei.read(Codec.H264, au.unit(i)) == CaptureTimeSei.NOT_FOUND) {
                                units.add(ByteBufUtil.getBytes(au.unit(i)));
                            }
                        }
                        frames.add(units);
                    } finally {
                        au.release();
                    }
                });
                buf.release();
            }
            assertThat(d.corruptPackets()).isZero();
        }
        return frames;
    }
}
