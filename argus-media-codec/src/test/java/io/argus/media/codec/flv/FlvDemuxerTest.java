package io.argus.media.codec.flv;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.Codec;
import io.argus.media.codec.MediaFormat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * FLV video and audio tag bodies into access units, from golden bytes: ffmpeg 5.1's AVC and AAC sequence headers
 * for the testkit samples, and an Enhanced RTMP {@code hvc1} sequence start built around the hvcC ffmpeg writes
 * for the H.265 sample (Debian's ffmpeg 5.1 cannot publish Enhanced RTMP itself).
 */
class FlvDemuxerTest {
    /** ffmpeg's AVC sequence header for h264-360p25 (legacy header 0x17 00 000000, then avcC). */
    static final String AVC_SEQUENCE_HEADER = "1700000000014d401effe10019674d401eda0280bfe5c044000003000400000300c83c"
            + "58ba8001000468ef3c80";
    /** The hvcC of h265-360p25 as ffmpeg writes it into MP4. */
    static final String HVCC = "0101600000009000000000003ff000fcfdf8f800000f03200001001840010c01ffff016000000300900"
            + "00003000003003fba0240210001002a42010101600000030090000003000003003fa00502016965ba924caf01680800000300"
            + "0800000300c84022000100074401c172b46240";

    final List<AccessUnit> units = new ArrayList<>();
    final List<ByteBuf> bodies = new ArrayList<>();

    ByteBuf body(String hex) {
        ByteBuf b = Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex));
        bodies.add(b);
        return b;
    }

    @AfterEach
    void release() {
        units.forEach(AccessUnit::release);
        for (ByteBuf b : bodies) {
            assertThat(b.release()).as("every slice released with its unit").isTrue();
        }
    }

    @Test
    void avcSequenceHeaderAndFrameWithCompositionTime() {
        FlvVideoDemuxer d = new FlvVideoDemuxer();
        ByteBuf header = body(AVC_SEQUENCE_HEADER);
        assertThat(d.accept(header, 0, 0, 1, units::add)).isEqualTo(FlvDemuxOutcome.FORMAT);
        MediaFormat.H264 f = (MediaFormat.H264) d.format();
        assertThat(HexFormat.of().formatHex(f.sps())).isEqualTo("674d401eda0280bfe5c044000003000400000300c83c58ba80");
        assertThat(HexFormat.of().formatHex(f.pps())).isEqualTo("68ef3c80");
        assertThat(header.readerIndex()).as("borrowed, unmoved").isZero();

        // keyframe, NALU, composition time 80 ms; two NAL units of 2 and 3 bytes
        ByteBuf frame = body("1701000050" + "00000002" + "6588" + "00000003" + "068899");
        assertThat(d.accept(frame, 1000, 0, 7, units::add)).isEqualTo(FlvDemuxOutcome.FRAME);
        AccessUnit au = units.get(0);
        assertThat(au.codec()).isEqualTo(Codec.H264);
        assertThat(au.keyframe()).isTrue();
        assertThat(au.dts()).isEqualTo(90_000);
        assertThat(au.pts()).isEqualTo(90_000 + 80 * 90);
        assertThat(au.unitCount()).isEqualTo(2);
        assertThat(ByteBufUtil.hexDump(au.unit(0))).isEqualTo("6588");
        assertThat(ByteBufUtil.hexDump(au.unit(1))).isEqualTo("068899");
        frame.setByte(9, 0x25);
        assertThat(ByteBufUtil.hexDump(au.unit(0))).as("a slice of the body, not a copy").isEqualTo("2588");
    }

    @Test
    void enhancedRtmpHevcSequenceStartCodedFramesAndCodedFramesX() {
        FlvVideoDemuxer d = new FlvVideoDemuxer();
        // isExHeader | keyframe << 4 | SequenceStart, FourCC hvc1
        assertThat(d.accept(body("90" + "68766331" + HVCC), 0, 0, 1, units::add)).isEqualTo(FlvDemuxOutcome.FORMAT);
        MediaFormat.H265 f = (MediaFormat.H265) d.format();
        assertThat(f.vps()).hasSize(24);
        assertThat(f.sps()).hasSize(42);
        assertThat(HexFormat.of().formatHex(f.pps())).isEqualTo("4401c172b46240");
        // CodedFrames with composition time 40 ms, then CodedFramesX (no composition time) of an inter frame
        assertThat(d.accept(body("91" + "68766331" + "000028" + "00000003" + "260188"), 40, 0, 2, units::add))
                .isEqualTo(FlvDemuxOutcome.FRAME);
        assertThat(d.accept(body("a3" + "68766331" + "00000002" + "0201"), 80, 0, 3, units::add))
                .isEqualTo(FlvDemuxOutcome.FRAME);
        assertThat(units).extracting(AccessUnit::codec).containsOnly(Codec.H265);
        assertThat(units.get(0).keyframe()).isTrue();
        assertThat(units.get(0).pts() - units.get(0).dts()).isEqualTo(40 * 90);
        assertThat(units.get(1).keyframe()).isFalse();
        assertThat(units.get(1).pts()).isEqualTo(units.get(1).dts()).isEqualTo(80 * 90);
        assertThat(ByteBufUtil.hexDump(units.get(1).unit(0))).isEqualTo("0201");
    }

    @Test
    void legacyHevcCodecIdTwelveIsReadLikeAvc() {
        FlvVideoDemuxer d = new FlvVideoDemuxer();
        assertThat(d.accept(body("1c00000000" + HVCC), 0, 0, 1, units::add)).isEqualTo(FlvDemuxOutcome.FORMAT);
        assertThat(d.format().codec()).isEqualTo(Codec.H265);
    }

    @Test
    void av1AndOtherCodecsAreUnsupportedWithAReason() {
        FlvVideoDemuxer d = new FlvVideoDemuxer();
        assertThat(d.accept(body("90" + "61763031" + "81"), 0, 0, 1, units::add))
                .isEqualTo(FlvDemuxOutcome.UNSUPPORTED);
        assertThat(d.unsupported()).contains("av01");
        assertThat(d.accept(body("1200"), 0, 0, 1, units::add)).isEqualTo(FlvDemuxOutcome.UNSUPPORTED);
        assertThat(d.unsupported()).contains("codec id 2");
    }

    @Test
    void framesBeforeTheSequenceHeaderNeedIt() {
        FlvVideoDemuxer d = new FlvVideoDemuxer();
        assertThat(d.accept(body("1701000000" + "00000001" + "65"), 0, 0, 1, units::add))
                .isEqualTo(FlvDemuxOutcome.NEED_CONFIG);
        assertThat(units).isEmpty();
    }

    @Test
    void aacSequenceHeaderAndFramesOnTheSampleGrid() {
        FlvAudioDemuxer d = new FlvAudioDemuxer();
        assertThat(d.accept(body("af00"), 0, 1, 1, units::add)).as("ffmpeg's empty first one")
                .isEqualTo(FlvDemuxOutcome.IGNORED);
        assertThat(d.accept(body("af001190"), 0, 1, 1, units::add)).isEqualTo(FlvDemuxOutcome.FORMAT);
        assertThat(d.format().sampleRate()).isEqualTo(48_000);
        assertThat(d.format().channels()).isEqualTo(2);
        for (long ms : new long[] {0, 21, 43, 64, 200}) {
            assertThat(d.accept(body("af01" + "de02"), ms, 1, 1, units::add)).isEqualTo(FlvDemuxOutcome.FRAME);
        }
        assertThat(units).extracting(AccessUnit::pts).containsExactly(0L, 1024L, 2048L, 3072L, 9600L);
        assertThat(units).extracting(AccessUnit::track).containsOnly(1);
        assertThat(d.accept(body("2f01de02"), 0, 1, 1, units::add)).isEqualTo(FlvDemuxOutcome.UNSUPPORTED);
        assertThat(d.unsupported()).contains("format 2");
    }

    /** Truncated and random bodies come out as outcomes, never exceptions, and hold no reference when dropped. */
    @Test
    void truncatedAndRandomBodiesAreOutcomes() {
        Random random = new Random(13);
        String[] seeds = {AVC_SEQUENCE_HEADER, "90" + "68766331" + HVCC, "1701000050" + "00000002" + "6588",
            "af001190", "af01de02"};
        for (int i = 0; i < 20_000; i++) {
            byte[] b = HexFormat.of().parseHex(seeds[random.nextInt(seeds.length)]);
            int n = random.nextInt(b.length + 1);
            if (i % 3 == 0 && n > 0) {
                b[random.nextInt(n)] = (byte) random.nextInt(256);
            }
            ByteBuf in = Unpooled.wrappedBuffer(b, 0, n);
            FlvVideoDemuxer video = new FlvVideoDemuxer();
            video.accept(Unpooled.wrappedBuffer(HexFormat.of().parseHex(AVC_SEQUENCE_HEADER)), 0, 0, 0, units::add);
            video.accept(in, 0, 0, 0, units::add);
            new FlvAudioDemuxer().accept(in, 0, 1, 0, units::add);
            units.forEach(AccessUnit::release);
            units.clear();
            assertThat(in.refCnt()).isEqualTo(1);
        }
    }
}
