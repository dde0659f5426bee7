package io.argus.media.codec.aac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.media.codec.testing.Hex;
import io.argus.testkit.SampleMedia;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Golden tables for AudioSpecificConfig and ADTS headers: parse, and build back byte-exact. */
class AacConfigTest {

    static Stream<Arguments> ascGolden() {
        return Stream.of(
                Arguments.of("ffmpeg SDP config=1190: AAC-LC 48 kHz stereo", "1190",
                        new AudioSpecificConfig(2, 48_000, 2, 1024)),
                Arguments.of("AAC-LC 44.1 kHz stereo", "1210", new AudioSpecificConfig(2, 44_100, 2, 1024)),
                Arguments.of("AAC-LC 16 kHz mono (cameras' G.711 replacement)", "1408",
                        new AudioSpecificConfig(2, 16_000, 1, 1024)),
                Arguments.of("AAC-LC 8 kHz mono, 960-sample frames", "158c", new AudioSpecificConfig(2, 8_000, 1, 960)),
                Arguments.of("explicit 24-bit rate 50 kHz stereo", "178061a810",
                        new AudioSpecificConfig(2, 50_000, 2, 1024)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ascGolden")
    void audioSpecificConfigRoundTrip(String name, String hex, AudioSpecificConfig expected) {
        assertThat(AudioSpecificConfig.parse(Hex.bytes(hex))).isEqualTo(expected);
        assertThat(Hex.of(expected.toBytes())).isEqualTo(hex);
    }

    @Test
    void truncatedAscFails() {
        assertThatThrownBy(() -> AudioSpecificConfig.parse(new byte[] {0x11}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(AudioSpecificConfig.aacLc(48_000, 2).toMediaFormat().channels()).isEqualTo(2);
    }

    @Test
    void adtsHeaderGoldenFromTheSample() {
        ByteBuf file = Unpooled.wrappedBuffer(SampleMedia.AAC_48K.bytes());
        AdtsHeader h = AdtsHeader.parse(file, 0);
        assertThat(h).isEqualTo(new AdtsHeader(new AudioSpecificConfig(2, 48_000, 2, 1024), 7, 172));
        ByteBuf written = Unpooled.buffer();
        AdtsHeader.write(written, h.config(), h.payloadLength());
        assertThat(ByteBufUtil.hexDump(written)).isEqualTo("fff14c80159ffc");
        assertThat(ByteBufUtil.hexDump(file, 0, 7)).isEqualTo("fff14c80159ffc");
        assertThat(AdtsHeader.parse(Unpooled.wrappedBuffer(Hex.bytes("fff14c80159f")), 0)).isNull();
        assertThat(AdtsHeader.parse(Unpooled.wrappedBuffer(Hex.bytes("fef14c80159ffc")), 0)).isNull();
    }

    @Test
    void splitsTheSampleIntoItsFramesWithoutCopying() {
        ByteBuf file = Unpooled.wrappedBuffer(SampleMedia.AAC_48K.bytes());
        List<ByteBuf> frames = new ArrayList<>();
        AdtsHeader first = Adts.split(file, frames);
        assertThat(first.config()).isEqualTo(AudioSpecificConfig.aacLc(48_000, 2));
        assertThat(frames).hasSize(SampleMedia.AAC_48K.frames());
        int total = 0;
        for (ByteBuf f : frames) {
            assertThat(f.unwrap()).isSameAs(file);
            total += f.readableBytes() + 7;
            f.release();
        }
        assertThat(total).isEqualTo(file.readableBytes());
        assertThat(file.release()).isTrue();
    }
}
