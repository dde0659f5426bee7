package io.argus.media.codec.h265;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.media.codec.testing.Hex;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Golden table: x265 SPS (expected values from ffprobe) to the parsed record. */
class H265SpsParserTest {

    static Stream<Arguments> golden() {
        return Stream.of(
                Arguments.of("h265-1080p25 sample (Main, level 4, conformance window)",
                        "420101016000000300900000030000030078a003c08010e596ea4932bc05a02000000300200000030321",
                        new H265Sps(1, "Main", "Main", 120, "4", 1, 8, 1920, 1080)),
                Arguments.of("h265-360p25 sample (Main, level 2.1)",
                        "42010101600000030090000003000003003fa00502016965ba924caf016808000003000800000300c840",
                        new H265Sps(1, "Main", "Main", 63, "2.1", 1, 8, 640, 360)),
                Arguments.of("x265 Main 10 720p (level 3.1)",
                        "42010102200000030090000003000003005da00280802d1365959a4932bc05a020000003002000000303c1",
                        new H265Sps(2, "Main 10", "Main", 93, "3.1", 1, 10, 1280, 720)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void parsesGolden(String name, String hex, H265Sps expected) {
        byte[] nal = Hex.bytes(hex);
        byte[] before = nal.clone();
        assertThat(H265SpsParser.parse(nal)).isEqualTo(expected);
        assertThat(nal).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void corruptSpsFailsOnlyWithIllegalArgument(String name, String hex, H265Sps expected) {
        byte[] nal = Hex.bytes(hex);
        Random random = new Random(5);
        for (int i = 0; i < 2000; i++) {
            byte[] m = Arrays.copyOf(nal, 3 + random.nextInt(nal.length - 2));
            m[2 + random.nextInt(m.length - 2)] ^= (byte) (1 + random.nextInt(255));
            try {
                H265SpsParser.parse(m);
            } catch (IllegalArgumentException expectedFailure) {
                // the only failure allowed
            }
        }
    }
}
