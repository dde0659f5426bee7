package io.argus.media.codec.amf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** One golden table (name, bytes, value) drives decode, byte-exact encode, the truncation and the fuzz seeds. */
class Amf0Test {

    record Case(String name, String hex, Object value) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("number", "003ff0000000000000", 1.0),
                new Case("boolean", "0101", true),
                new Case("string", "0200066f6e4d657461", "onMeta"),
                new Case("empty string", "020000", ""),
                new Case("null", "05", null),
                new Case("undefined", "06", Amf0.UNDEFINED),
                new Case("object", "0300036170700200046c697665000009", map("app", "live")),
                new Case("nested object", "030001610300016202000178000009000009", map("a", map("b", "x"))),
                new Case("ecma array", "080000000100057769647468004084000000000000000009",
                        new Amf0.EcmaArray(map("width", 640.0))),
                new Case("strict array", "0a00000002003ff000000000000002000179", List.of(1.0, "y")),
                new Case("date", "0b427dcd65000000000000", Instant.ofEpochMilli(2_048_000_000_000L)));
    }

    static ByteBuf bytes(String hex) {
        return Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void decodesAndEncodesByteForByte(Case c) {
        ByteBuf in = bytes(c.hex());
        assertThat(Amf0.decodeAll(in)).containsExactly(c.value());
        assertThat(in.isReadable()).isFalse();
        assertThat(HexFormat.of().formatHex(in.array())).as("input unchanged").isEqualTo(c.hex());
        ByteBuf out = Unpooled.buffer();
        Amf0.encode(out, c.value());
        assertThat(HexFormat.of().formatHex(out.array(), 0, out.writerIndex())).isEqualTo(c.hex());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void everyTruncationIsAnAmfException(Case c) {
        byte[] whole = HexFormat.of().parseHex(c.hex());
        for (int n = 1; n < whole.length; n++) {
            ByteBuf in = Unpooled.wrappedBuffer(whole, 0, n);
            assertThatThrownBy(() -> Amf0.decode(in)).as("%d of %d bytes", n, whole.length)
                    .isInstanceOf(AmfException.class);
        }
    }

    /** ffmpeg 5.1's onMetaData for the 360p H.264 sample with AAC (@setDataFrame's second value), as sent. */
    @Test
    void decodesFfmpegsOnMetaData() {
        ByteBuf in = bytes("02000a6f6e4d65746144617461080000000d00086475726174696f6e003ff0083126e978d5000577696474"
                + "680040840000000000000006686569676874004076800000000000000d766964656f6461746172617465000000000000"
                + "00000000096672616d6572617465004039000000000000000c766964656f636f646563696400401c000000000000000d"
                + "617564696f646174617261746500404f85c000000000000f617564696f73616d706c65726174650040e7700000000000"
                + "000f617564696f73616d706c6573697a65004030000000000000000673746572656f0101000c617564696f636f646563"
                + "69640040240000000000000007656e636f64657202000d4c61766635392e32372e313030000866696c6573697a650040"
                + "f1735000000000000009");
        List<Object> values = Amf0.decodeAll(in);
        assertThat(values.get(0)).isEqualTo("onMetaData");
        Map<String, Object> meta = ((Amf0.EcmaArray) values.get(1)).entries();
        assertThat(meta).containsEntry("width", 640.0).containsEntry("height", 360.0)
                .containsEntry("videocodecid", 7.0).containsEntry("audiocodecid", 10.0)
                .containsEntry("stereo", true).containsEntry("encoder", "Lavf59.27.100");
    }

    @Test
    void refusesWhatNoEncoderSends() {
        assertThatThrownBy(() -> Amf0.decode(bytes("070001")))
                .isInstanceOf(AmfException.class).hasMessageContaining("0x7");
        assertThatThrownBy(() -> Amf0.decode(bytes("0a7fffffff"))).isInstanceOf(AmfException.class)
                .hasMessageContaining("strict array");
        StringBuilder nested = new StringBuilder();
        for (int i = 0; i <= Amf0.MAX_DEPTH + 1; i++) {
            nested.append("030001").append("61");
        }
        assertThatThrownBy(() -> Amf0.decode(bytes(nested.toString()))).isInstanceOf(AmfException.class)
                .hasMessageContaining("deeper");
    }

    @Test
    void longStringsEncodeAsLongStrings() {
        String s = "x".repeat(70_000);
        ByteBuf out = Unpooled.buffer();
        Amf0.encode(out, s);
        assertThat(out.getByte(0)).isEqualTo((byte) 0x0C);
        assertThat(Amf0.decode(out)).isEqualTo(s);
    }

    /** Random bytes, and each golden case with random bytes flipped: an AMF exception or values, nothing else. */
    @Test
    void randomBytesNeverThrowAnythingElse() {
        Random random = new Random(13);
        List<Case> seeds = cases().toList();
        for (int i = 0; i < 20_000; i++) {
            byte[] b;
            if (i % 2 == 0) {
                b = new byte[random.nextInt(64)];
                random.nextBytes(b);
            } else {
                b = HexFormat.of().parseHex(seeds.get(random.nextInt(seeds.size())).hex());
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            }
            ByteBuf in = Unpooled.wrappedBuffer(b);
            Throwable t = catchThrowable(() -> Amf0.decodeAll(in));
            assertThat(t == null || t instanceof AmfException).as("%s: %s", HexFormat.of().formatHex(b), t).isTrue();
        }
    }
}
