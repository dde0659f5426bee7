package io.argus.media.hls;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.Codec;
import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.format.fmp4.Fmp4FragmentWriter;
import io.argus.media.codec.format.fmp4.Fmp4Track;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The live playlist, byte for byte: a window whose oldest segment is past the three target durations that list
 * parts (§4.4.4.9), wall times with no, milli- and microsecond fractions, durations rounded to the millisecond.
 */
class LlHlsPlaylistTest {
    private static final long T0_MICROS = 1_754_042_400_000_000L;

    private final List<LlHlsSegment> segments = new ArrayList<>();
    private final Fmp4FragmentWriter writer = new Fmp4FragmentWriter(List.of(new Fmp4Track(1,
            new MediaFormat.Aac(new byte[] {0x11, (byte) 0x90}, 48_000, 2), 48_000, "mp4a.40.2", 0, 0)),
            ByteBufAllocator.DEFAULT);
    private long pts;
    private long nextPart;

    @AfterEach
    void release() {
        segments.forEach(LlHlsSegment::release);
        writer.close();
    }

    @Test
    void golden() {
        segment(4, T0_MICROS - 2_000_000, true, 1.0, 1.0);
        segment(5, T0_MICROS, true, 1.0, 1.0);
        segment(6, T0_MICROS + 2_123_000, true, 1.0, 0.9994);
        segment(7, T0_MICROS + 4_123_456, true, 1.0, 1.0);
        segment(8, T0_MICROS + 6_000_001, false, 0.33349);

        assertThat(LlHlsPlaylist.render(2, 0.66667, segments, nextPart, "cam/", "?s=1")).isEqualTo("""
                #EXTM3U
                #EXT-X-VERSION:9
                #EXT-X-TARGETDURATION:2
                #EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=2.000
                #EXT-X-PART-INF:PART-TARGET=0.667
                #EXT-X-MEDIA-SEQUENCE:4
                #EXT-X-MAP:URI="cam/init.mp4?s=1"
                #EXT-X-PROGRAM-DATE-TIME:2025-08-01T09:59:58Z
                #EXTINF:2.000,
                cam/4.m4s?s=1
                #EXT-X-PROGRAM-DATE-TIME:2025-08-01T10:00:00Z
                #EXT-X-PART:DURATION=1.000,URI="cam/part2.m4s?s=1",INDEPENDENT=YES
                #EXT-X-PART:DURATION=1.000,URI="cam/part3.m4s?s=1"
                #EXTINF:2.000,
                cam/5.m4s?s=1
                #EXT-X-PROGRAM-DATE-TIME:2025-08-01T10:00:02.123Z
                #EXT-X-PART:DURATION=1.000,URI="cam/part4.m4s?s=1",INDEPENDENT=YES
                #EXT-X-PART:DURATION=0.999,URI="cam/part5.m4s?s=1"
                #EXTINF:1.999,
                cam/6.m4s?s=1
                #EXT-X-PROGRAM-DATE-TIME:2025-08-01T10:00:04.123456Z
                #EXT-X-PART:DURATION=1.000,URI="cam/part6.m4s?s=1",INDEPENDENT=YES
                #EXT-X-PART:DURATION=1.000,URI="cam/part7.m4s?s=1"
                #EXTINF:2.000,
                cam/7.m4s?s=1
                #EXT-X-PROGRAM-DATE-TIME:2025-08-01T10:00:06.000001Z
                #EXT-X-PART:DURATION=0.333,URI="cam/part8.m4s?s=1",INDEPENDENT=YES
                #EXT-X-PRELOAD-HINT:TYPE=PART,URI="cam/part9.m4s?s=1"
                """);
    }

    @Test
    void anEmptyWindowHintsTheFirstPart() {
        assertThat(LlHlsPlaylist.render(1, 0.5, segments, 0, "", "")).isEqualTo("""
                #EXTM3U
                #EXT-X-VERSION:9
                #EXT-X-TARGETDURATION:1
                #EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=1.500
                #EXT-X-PART-INF:PART-TARGET=0.500
                #EXT-X-MEDIA-SEQUENCE:0
                #EXT-X-MAP:URI="init.mp4"
                #EXT-X-PRELOAD-HINT:TYPE=PART,URI="part0.m4s"
                """);
    }

    /** A segment of parts of these durations, the first independent. */
    private void segment(long msn, long startWallMicros, boolean complete, double... durations) {
        LlHlsSegment s = new LlHlsSegment(msn, startWallMicros);
        for (int i = 0; i < durations.length; i++) {
            writer.add(AccessUnit.of(0, Codec.AAC, pts, true, Unpooled.wrappedBuffer(new byte[] {0x21, 0x10}), 0L));
            pts += 1024;
            s.add(new LlHlsPart(nextPart++, msn, i, writer.flush(), durations[i], i == 0));
        }
        s.complete(complete);
        segments.add(s);
    }
}
