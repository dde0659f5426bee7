package io.argus.media.codec.bits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.media.codec.testing.Hex;
import org.junit.jupiter.api.Test;

/** Exp-Golomb codes (H.264 Table 9-2) and emulation prevention. */
class BitReaderTest {

    @Test
    void expGolombGolden() {
        // 1 | 010 | 011 | 00100 | 00101 | 0001000 -> ue 0,1,2,3,4,7
        BitReader r = new BitReader(Hex.bytes("a6 42 88 00"));
        assertThat(new int[] {r.readUe(), r.readUe(), r.readUe(), r.readUe(), r.readUe(), r.readUe()})
                .containsExactly(0, 1, 2, 3, 4, 7);
        BitReader s = new BitReader(Hex.bytes("4f"));
        // 010 -> se +1, 011 -> se -1, 1 -> 0, 1 -> 0
        assertThat(new int[] {s.readSe(), s.readSe(), s.readSe(), s.readSe()}).containsExactly(1, -1, 0, 0);
        assertThatThrownBy(s::readBit).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BitReader(new byte[4]).readUe()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emulationPreventionRoundTrip() {
        byte[] rbsp = Hex.bytes("00 00 00 00 00 01 00 00 02 00 00 03 ff 00 00");
        byte[] escaped = new byte[Rbsp.maxEscapedLength(rbsp.length)];
        int n = Rbsp.escape(rbsp, 0, rbsp.length, escaped, 0);
        assertThat(Hex.of(java.util.Arrays.copyOf(escaped, n)))
                .isEqualTo("00000300000300010000030200000303ff0000");
        assertThat(Rbsp.unescape(escaped, 0, n)).isEqualTo(rbsp);
    }
}
