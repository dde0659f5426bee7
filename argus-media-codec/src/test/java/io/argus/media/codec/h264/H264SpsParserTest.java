package io.argus.media.codec.h264;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.media.codec.testing.Hex;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Golden table: real encoders' SPS (x264 via ffmpeg; expected values from ffprobe) to the parsed record. */
class H264SpsParserTest {

    static Stream<Arguments> golden() {
        return Stream.of(
                Arguments.of("h264-1080p25 sample (High@4.0, 1088 coded lines cropped)",
                        "67640028acb403c0113f2e0220000003002000000641e30654",
                        new H264Sps(100, "High", 0x00, 40, "4.0", 1, 8, 1920, 1080, true, 25.0), "avc1.640028"),
                Arguments.of("h264-360p25 sample (Main@3.0, 368 coded lines cropped)",
                        "674d401eda0280bfe5c044000003000400000300c83c58ba80",
                        new H264Sps(77, "Main", 0x40, 30, "3.0", 1, 8, 640, 360, true, 25.0), "avc1.4D401E"),
                Arguments.of("x264 baseline 320x240 15 fps (constraint_set0+1)",
                        "6742c00cd90141fb0110000003001000000301e0f142a480",
                        new H264Sps(66, "Baseline", 0xc0, 12, "1.2", 1, 8, 320, 240, true, 15.0), "avc1.42C00C"),
                Arguments.of("x264 High 720p30 with cqm=jvt (scaling matrices)",
                        "6764001facd9405005bb0110000003001000000303c0f1831960",
                        new H264Sps(100, "High", 0x00, 31, "3.1", 1, 8, 1280, 720, true, 30.0), "avc1.64001F"),
                Arguments.of("x264 interlaced 4:2:2 720x576 (frame_mbs_only 0)",
                        "677a0016bcd940b424d808800000030100000300190f8a14cb",
                        new H264Sps(122, "High 4:2:2", 0x00, 22, "2.2", 2, 8, 720, 576, false, 12.5), "avc1.7A0016"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void parsesGolden(String name, String hex, H264Sps expected, String codecs) {
        byte[] nal = Hex.bytes(hex);
        byte[] before = nal.clone();
        assertThat(H264SpsParser.parse(nal)).isEqualTo(expected);
        ByteBuf buf = Unpooled.wrappedBuffer(nal);
        assertThat(H264SpsParser.parse(buf)).isEqualTo(expected);
        assertThat(buf.readerIndex()).isZero();
        assertThat(nal).as("input unchanged").isEqualTo(before);
        assertThat(expected.codecsString()).isEqualTo(codecs);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void truncatedOrCorruptSpsFailsWithIllegalArgument(String name, String hex, H264Sps expected, String codecs) {
        byte[] nal = Hex.bytes(hex);
        for (int len = 0; len < 6; len++) {
            byte[] cut = Arrays.copyOf(nal, len);
            assertThatThrownBy(() -> H264SpsParser.parse(cut)).isInstanceOf(IllegalArgumentException.class);
        }
        Random random = new Random(3);
        for (int i = 0; i < 2000; i++) {
            byte[] m = Arrays.copyOf(nal, 2 + random.nextInt(nal.length - 1));
            m[1 + random.nextInt(m.length - 1)] ^= (byte) (1 + random.nextInt(255));
            m[0] = 0x67;
            try {
                H264SpsParser.parse(m);
            } catch (IllegalArgumentException expectedFailure) {
                // the only failure allowed
            }
        }
    }

    @Test
    void levelNames() {
        assertThat(H264SpsParser.levelName(9, 0, 100)).isEqualTo("1b");
        assertThat(H264SpsParser.levelName(11, 0x10, 66)).isEqualTo("1b");
        assertThat(H264SpsParser.levelName(11, 0x10, 100)).isEqualTo("1.1");
        assertThat(H264SpsParser.levelName(51, 0, 100)).isEqualTo("5.1");
    }

    @Test
    void rejectsOtherNalTypes() {
        assertThatThrownBy(() -> H264SpsParser.parse(new byte[] {0x68, 0x01}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
