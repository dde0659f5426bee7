package io.argus.media.codec.format.ts;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** PTS/DTS unwrapping across the 33-bit wrap, and the PSI CRC-32 on a section ffmpeg wrote. */
class TsTimelineTest {
    @Test
    void startsAtZeroAndCrossesTheWrap() {
        TsTimeline t = new TsTimeline();
        long start = TsTimeline.WRAP - 3600;
        assertThat(t.unwrap(start)).isZero();
        assertThat(t.unwrap(start + 1800)).isEqualTo(1800);
        assertThat(t.unwrap(0)).as("wrapped").isEqualTo(3600);
        assertThat(t.unwrap(3600)).isEqualTo(7200);
        assertThat(t.unwrap(TsTimeline.WRAP - 1800)).as("a B-frame's earlier PTS, back across the wrap")
                .isEqualTo(1800);
        assertThat(t.unwrap(7200)).isEqualTo(10_800);
    }

    @Test
    void crcOfAPatWithItsCrcIsZero() {
        // ffmpeg 5.1's PAT: table 0, one program (1) on PMT PID 0x1000, CRC 2AB104B2.
        byte[] pat = HexFormat.of().parseHex("00b00d0001c100000001f0002ab104b2");
        assertThat(TsCrc32.of(Unpooled.wrappedBuffer(pat), 0, pat.length)).isZero();
        pat[10]++;
        assertThat(TsCrc32.of(Unpooled.wrappedBuffer(pat), 0, pat.length)).isNotZero();
    }
}
