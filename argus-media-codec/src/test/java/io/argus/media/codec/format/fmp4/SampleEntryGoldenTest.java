package io.argus.media.codec.format.fmp4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.testing.Hex;
import io.argus.testkit.SampleMedia;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden table: track format → decoder configuration box (byte-exact), RFC 6381 codecs string and display size.
 * The avcC and hvcC bytes are what ffmpeg 5.1 writes for the same samples ({@code ffmpeg -r 25 -i <sample> -c copy
 * [-tag:v hvc1] -movflags frag_keyframe+empty_moov+default_base_moof}); the esds is decoded field by field in its
 * case's comment (ffmpeg's differs on purpose: ES_ID and bitrates).
 */
class SampleEntryGoldenTest {

    /** The VPS and PPS of the h265 1080p sample, as bystanders for SPS-only cases. */
    private static final String H265_VPS = "40010c01ffff016000000300900000030000030078ba0240";
    private static final String H265_PPS = "4401c172b46240";

    static Stream<Arguments> golden() {
        return Stream.of(
                Arguments.of("h264-1080p25 sample: High@4.0, 4:2:0 8-bit extension bytes fc f8 f8 00",
                        Fmp4TestMedia.format(SampleMedia.H264_1080P25),
                        "000000346176634301640028ffe1001967640028acb403c0113f2e0220000003002000000641e30654"
                                + "01000468ef3cb0fdf8f800",
                        "avc1.640028", 1920, 1080),
                Arguments.of("h264-360p25 sample: Main@3.0 (no extension bytes), 368 coded lines cropped to 360",
                        Fmp4TestMedia.format(SampleMedia.H264_360P25),
                        "0000003061766343014d401effe10019674d401eda0280bfe5c044000003000400000300c83c58ba80"
                                + "01000468ef3c80",
                        "avc1.4D401E", 640, 360),
                Arguments.of("h265-1080p25 sample: Main, level 4, VPS/SPS/PPS arrays complete (a0 a1 a2)",
                        Fmp4TestMedia.format(SampleMedia.H265_1080P25),
                        "000000776876634301016000000090000000000078f000fcfdf8f800000f03a00001001840010c01ffff0160"
                                + "00000300900000030000030078ba0240a10001002a42010101600000030090000003000003007"
                                + "8a003c08010e596ea4932bc05a02000000300200000030321a2000100074401c172b46240",
                        "hvc1.1.6.L120.90", 1920, 1080),
                Arguments.of("h265-360p25 sample: Main, level 2.1",
                        Fmp4TestMedia.format(SampleMedia.H265_360P25),
                        "00000077687663430101600000009000000000003ff000fcfdf8f800000f03a00001001840010c01ffff0160"
                                + "0000030090000003000003003fba0240a10001002a42010101600000030090000003000003003"
                                + "fa00502016965ba924caf016808000003000800000300c840a2000100074401c172b46240",
                        "hvc1.1.6.L63.90", 640, 360),
                Arguments.of("x265 Main 10 720p SPS: profile 2, compatibility flag 2 → '4', 10-bit (f8|2)",
                        new MediaFormat.H265(Hex.bytes(H265_VPS),
                                Hex.bytes("42010102200000030090000003000003005da00280802d1365959a4932bc05a020000003"
                                        + "002000000303c1"), Hex.bytes(H265_PPS)),
                        "00000078687663430102200000009000000000005df000fcfdfafa00000f03a00001001840010c01ffff0160"
                                + "00000300900000030000030078ba0240a10001002b4201010220000003009000000300000300"
                                + "5da00280802d1365959a4932bc05a020000003002000000303c1a2000100074401c172b46240",
                        "hvc1.2.4.L93.90", 1280, 720),
                // esds: fullbox 0; ES_Descriptor 03 len 25: ES_ID 0000, flags 00;
                //   DecoderConfigDescriptor 04 len 17: 40 (MPEG-4 audio) 15 (audio stream), bufferSizeDB 000000,
                //   max/avg bitrate 0 (unknown); DecoderSpecificInfo 05 len 2: 1190 (AAC-LC, 48 kHz, stereo);
                //   SLConfigDescriptor 06 len 1: 02 (MP4 files).
                Arguments.of("aac-48k sample: AAC-LC 48 kHz stereo", Fmp4TestMedia.aacFormat(),
                        "00000027657364730000000003190000000411401500000000000000000000000502119006010" + "2",
                        "mp4a.40.2", 0, 0),
                Arguments.of("AAC-LC 16 kHz mono (config 1408)", new MediaFormat.Aac(Hex.bytes("1408"), 16_000, 1),
                        "000000276573647300000000031900000004114015000000000000000000000005021408060102",
                        "mp4a.40.2", 0, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void writesGoldenConfiguration(String name, MediaFormat format, String hex, String codecs, int width, int height) {
        SampleEntry entry = SampleEntry.of(format);
        ByteBuf out = Unpooled.buffer();
        entry.writeConfiguration(out);
        assertThat(ByteBufUtil.hexDump(out)).isEqualTo(hex);
        out.release();
        assertThat(entry.codecs()).isEqualTo(codecs);
        assertThat(entry.width()).isEqualTo(width);
        assertThat(entry.height()).isEqualTo(height);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void sampleEntryEndsWithItsConfiguration(String name, MediaFormat format, String hex, String codecs, int width,
                                             int height) {
        ByteBuf out = Unpooled.buffer();
        SampleEntry.of(format).write(out);
        String entry = ByteBufUtil.hexDump(out);
        out.release();
        assertThat(entry).endsWith(hex);
        assertThat(entry.length() / 2).isEqualTo(out.writerIndex())
                .isEqualTo((format.codec().isVideo() ? 86 : 36) + hex.length() / 2);
        assertThat(Integer.parseInt(entry.substring(0, 8), 16)).isEqualTo(entry.length() / 2);
    }

    @Test
    void formatsWithoutParameterSetsAreRefused() {
        assertThatThrownBy(() -> SampleEntry.of(new MediaFormat.H264(null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SPS and PPS");
        assertThatThrownBy(() -> SampleEntry.of(new MediaFormat.H265(new byte[] {0x40, 1}, null, null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SampleEntry.of(new MediaFormat.Aac(null, 48_000, 2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SampleEntry.of(new MediaFormat.H264(Hex.bytes("6764"), Hex.bytes("68ee"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
