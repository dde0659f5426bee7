package io.argus.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.Codec;
import io.argus.media.codec.rtp.RtpDepacketizer;
import io.argus.media.codec.rtp.RtpPacket;
import io.argus.media.codec.rtp.RtpPayloadFormats;
import io.argus.media.codec.sei.CaptureTimeSei;
import io.argus.sim.samples.SimSample;
import io.argus.testkit.tier.E2e;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The simulator sends like a camera (issue 16): RTP packets of at most 1,400 bytes (or the size asked for) over
 * TCP-interleaved and UDP alike, large NAL units cut into fragmentation units (RFC 6184 §5.8 FU-A, RFC 7798
 * §4.4.3 FU), and what a reader reassembles from them is the sample's frames byte for byte, plus the simulator's
 * capture-time SEI.
 */
@E2e
class SimulatorPacketizationTest {
    /** Enough packets for the cached GOP (about 2 s of 2 Mbit/s video) and some live frames after it. */
    private static final int PACKETS = 600;

    @ParameterizedTest(name = "{0} over {1}, at most {2} bytes")
    @CsvSource({"H264, tcp, 1400", "H264, udp, 1400", "H265, tcp, 1400", "H265, udp, 1400", "H264, tcp, 600",
            "H265, udp, 9000"})
    void packetsAreCameraSizedAndCarryTheSampleFrames(Codec codec, String transport, int maxSize) throws Exception {
        List<byte[]> packets;
        Simulator.Config config = new Simulator.Config(1, "127.0.0.1", 0, codec, 25, true, false, maxSize);
        try (Simulator sim = Simulator.start(config);
             RawRtspReader reader = RawRtspReader.play(sim.url(1), sim.port(), transport.equals("udp"))) {
            packets = reader.packets(PACKETS);
        }
        assertThat(packets).allSatisfy(p -> assertThat(p.length).isLessThanOrEqualTo(maxSize));
        assertThat(packets.stream().mapToInt(p -> p.length).max().orElseThrow()).as("fragments fill the packets")
                .isEqualTo(maxSize);

        try (SampleLoop sample = SampleLoop.load(codec == Codec.H264 ? SimSample.H264_1080P25
                : SimSample.H265_1080P25, codec)) {
            List<List<byte[]>> frames = depacketize(packets, sample);
            assertThat(frames).hasSizeGreaterThan(25);
            int first = indexOf(frames.get(0), sample);
            assertThat(first).as("the first frame received is one of the sample's").isNotNegative();
            for (int i = 0; i < frames.size(); i++) {
                assertThat(frames.get(i)).as("frame %d", i).containsExactlyElementsOf(units(sample.frame(first + i)));
            }
        }
    }

    /** The NAL units of each complete access unit, the capture-time SEI taken out (after checking it is there). */
    private static List<List<byte[]>> depacketize(List<byte[]> packets, SampleLoop sample) {
        List<List<byte[]>> frames = new ArrayList<>();
        RtpPacket view = new RtpPacket();
        try (RtpDepacketizer d = RtpPayloadFormats.depacketizer(sample.format())) {
            for (byte[] p : packets) {
                ByteBuf buf = Unpooled.wrappedBuffer(p);
                assertThat(view.parse(buf)).isTrue();
                d.receive(view, view.timestamp(), false, System.nanoTime(), au -> {
                    try {
                        assertThat(CaptureTimeSei.read(au)).as("capture time").isNotEqualTo(CaptureTimeSei.NOT_FOUND);
                        List<byte[]> units = new ArrayList<>();
                        for (int i = 0; i < au.unitCount(); i++) {
                            if (CaptureTimeSei.read(sample.codec(), au.unit(i)) == CaptureTimeSei.NOT_FOUND) {
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
            assertThat(d.droppedUnits()).isZero();
        }
        return frames;
    }

    private static int indexOf(List<byte[]> frame, SampleLoop sample) {
        for (int i = 0; i < sample.size(); i++) {
            List<byte[]> template = units(sample.frame(i));
            if (template.size() == frame.size() && sameBytes(template, frame)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean sameBytes(List<byte[]> a, List<byte[]> b) {
        for (int i = 0; i < a.size(); i++) {
            if (!java.util.Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static List<byte[]> units(AccessUnit au) {
        List<byte[]> units = new ArrayList<>();
        for (int i = 0; i < au.unitCount(); i++) {
            units.add(ByteBufUtil.getBytes(au.unit(i)));
        }
        return units;
    }
}
