package io.argus.media.codec.format.m3u8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden table: writer calls → playlist text, byte for byte (RFC 8216bis §4). The whole-playlist cases are what the
 * live LL-HLS muxer and recorded playback wrote before they shared this writer; the number cases pin the two
 * duration formats (millisecond {@code double}s, microsecond {@link Duration}s) and their rounding.
 */
class M3u8WriterGoldenTest {
    private static final Instant T0 = Instant.parse("2025-08-01T10:00:00Z");
    private static final long T0_MICROS = T0.getEpochSecond() * 1_000_000;

    static Stream<Arguments> golden() {
        return Stream.of(
                tags("header tags", w -> w.extM3u().version(7).targetDuration(2).mediaSequence(0)
                                .independentSegments(),
                        "#EXTM3U", "#EXT-X-VERSION:7", "#EXT-X-TARGETDURATION:2", "#EXT-X-MEDIA-SEQUENCE:0",
                        "#EXT-X-INDEPENDENT-SEGMENTS"),
                tags("playlist types", w -> w.playlistType(M3u8Writer.PlaylistType.EVENT)
                                .playlistType(M3u8Writer.PlaylistType.VOD),
                        "#EXT-X-PLAYLIST-TYPE:EVENT", "#EXT-X-PLAYLIST-TYPE:VOD"),
                tags("LL-HLS server control and part target, rounded half up to the millisecond",
                        w -> w.serverControlBlockingReload(2.00001).partInf(0.66667).partInf(0.0005),
                        "#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=2.000",
                        "#EXT-X-PART-INF:PART-TARGET=0.667", "#EXT-X-PART-INF:PART-TARGET=0.001"),
                tags("init segment, whole and as a byte range", w -> w.map("cam/init.mp4?s=1").map("c/1.mp4", 1234, 0),
                        "#EXT-X-MAP:URI=\"cam/init.mp4?s=1\"", "#EXT-X-MAP:URI=\"c/1.mp4\",BYTERANGE=\"1234@0\""),
                tags("program date time to the millisecond, finer digits cut",
                        w -> w.programDateTime(T0).programDateTime(T0.plusNanos(123_999_999)),
                        "#EXT-X-PROGRAM-DATE-TIME:2025-08-01T10:00:00.000Z",
                        "#EXT-X-PROGRAM-DATE-TIME:2025-08-01T10:00:00.123Z"),
                tags("program date time of a microsecond clock: no, three or six digits",
                        w -> w.programDateTimeMicros(T0_MICROS).programDateTimeMicros(T0_MICROS + 2_123_000)
                                .programDateTimeMicros(T0_MICROS + 6_000_001),
                        "#EXT-X-PROGRAM-DATE-TIME:2025-08-01T10:00:00Z",
                        "#EXT-X-PROGRAM-DATE-TIME:2025-08-01T10:00:02.123Z",
                        "#EXT-X-PROGRAM-DATE-TIME:2025-08-01T10:00:06.000001Z"),
                tags("parts, independent or not", w -> w.part(1.0, "part2.m4s", true).part(0.9994, "part3.m4s", false),
                        "#EXT-X-PART:DURATION=1.000,URI=\"part2.m4s\",INDEPENDENT=YES",
                        "#EXT-X-PART:DURATION=0.999,URI=\"part3.m4s\""),
                tags("EXTINF of a double: three decimals", w -> w.extinf(1.9994).extinf(2.0).extinf(0.33349),
                        "#EXTINF:1.999,", "#EXTINF:2.000,", "#EXTINF:0.333,"),
                tags("EXTINF of a Duration: to the microsecond, at least three decimals",
                        w -> w.extinf(Duration.ofSeconds(2)).extinf(Duration.ofNanos(1_966_666_667))
                                .extinf(Duration.ofMillis(40)).extinf(Duration.ofNanos(500)),
                        "#EXTINF:2.000,", "#EXTINF:1.966667,", "#EXTINF:0.040,", "#EXTINF:0.000001,"),
                tags("segment byte range, URI line, discontinuity, preload hint, end",
                        w -> w.byteRange(5000, 1234).uri("c/1.mp4").discontinuity().preloadHintPart("part9.m4s")
                                .endList(),
                        "#EXT-X-BYTERANGE:5000@1234", "c/1.mp4", "#EXT-X-DISCONTINUITY",
                        "#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"part9.m4s\"", "#EXT-X-ENDLIST"),
                tags("a live LL-HLS playlist", w -> w.extM3u().version(9).targetDuration(2)
                                .serverControlBlockingReload(3 * 0.66667).partInf(0.66667).mediaSequence(4)
                                .map("init.mp4").programDateTimeMicros(T0_MICROS).part(1.0, "part0.m4s", true)
                                .part(1.0, "part1.m4s", false).extinf(2.0).uri("4.m4s")
                                .programDateTimeMicros(T0_MICROS + 2_000_000).part(0.5, "part2.m4s", true)
                                .preloadHintPart("part3.m4s"),
                        "#EXTM3U", "#EXT-X-VERSION:9", "#EXT-X-TARGETDURATION:2",
                        "#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=2.000",
                        "#EXT-X-PART-INF:PART-TARGET=0.667", "#EXT-X-MEDIA-SEQUENCE:4", "#EXT-X-MAP:URI=\"init.mp4\"",
                        "#EXT-X-PROGRAM-DATE-TIME:2025-08-01T10:00:00Z",
                        "#EXT-X-PART:DURATION=1.000,URI=\"part0.m4s\",INDEPENDENT=YES",
                        "#EXT-X-PART:DURATION=1.000,URI=\"part1.m4s\"", "#EXTINF:2.000,", "4.m4s",
                        "#EXT-X-PROGRAM-DATE-TIME:2025-08-01T10:00:02Z",
                        "#EXT-X-PART:DURATION=0.500,URI=\"part2.m4s\",INDEPENDENT=YES",
                        "#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"part3.m4s\""),
                tags("a recorded VOD playlist of two chunks", w -> w.extM3u().version(7).targetDuration(2)
                                .mediaSequence(0).playlistType(M3u8Writer.PlaylistType.VOD).independentSegments()
                                .map("c/a.mp4", 900, 0).programDateTime(T0).extinf(Duration.ofSeconds(2))
                                .byteRange(5000, 900).uri("c/a.mp4").discontinuity().map("c/b.mp4", 901, 0)
                                .programDateTime(T0.plusSeconds(4)).extinf(Duration.ofNanos(1_966_666_667))
                                .byteRange(4000, 901).uri("c/b.mp4").endList(),
                        "#EXTM3U", "#EXT-X-VERSION:7", "#EXT-X-TARGETDURATION:2", "#EXT-X-MEDIA-SEQUENCE:0",
                        "#EXT-X-PLAYLIST-TYPE:VOD", "#EXT-X-INDEPENDENT-SEGMENTS",
                        "#EXT-X-MAP:URI=\"c/a.mp4\",BYTERANGE=\"900@0\"",
                        "#EXT-X-PROGRAM-DATE-TIME:2025-08-01T10:00:00.000Z", "#EXTINF:2.000,",
                        "#EXT-X-BYTERANGE:5000@900", "c/a.mp4", "#EXT-X-DISCONTINUITY",
                        "#EXT-X-MAP:URI=\"c/b.mp4\",BYTERANGE=\"901@0\"",
                        "#EXT-X-PROGRAM-DATE-TIME:2025-08-01T10:00:04.000Z", "#EXTINF:1.966667,",
                        "#EXT-X-BYTERANGE:4000@901", "c/b.mp4", "#EXT-X-ENDLIST"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void writesGoldenText(String name, UnaryOperator<M3u8Writer> calls, String expected) {
        assertThat(calls.apply(new M3u8Writer(16)).toString()).isEqualTo(expected);
    }

    @Test
    void secondsAndTargetDurationOfADuration() {
        assertThat(M3u8Writer.seconds(Duration.ofSeconds(2)).toPlainString()).isEqualTo("2.000");
        assertThat(M3u8Writer.seconds(Duration.ofNanos(1_966_666_667)).toPlainString()).isEqualTo("1.966667");
        assertThat(M3u8Writer.seconds(Duration.ofMillis(40)).toPlainString()).isEqualTo("0.040");
        assertThat(M3u8Writer.targetDuration(Duration.ofSeconds(2))).isEqualTo(2);
        assertThat(M3u8Writer.targetDuration(Duration.ofNanos(2_000_000_400))).as("rounds to 2.000000").isEqualTo(2);
        assertThat(M3u8Writer.targetDuration(Duration.ofNanos(2_000_000_600))).isEqualTo(3);
        assertThat(M3u8Writer.targetDuration(Duration.ZERO)).as("at least 1").isEqualTo(1);
    }

    @Test
    void urisThatWouldBreakTheTextAreRefused() {
        for (String bad : new String[] {"a\"b", "a\nb", "a\rb"}) {
            M3u8Writer w = new M3u8Writer(16);
            assertThatThrownBy(() -> w.map(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> w.uri(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> w.part(1, bad, true)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> w.preloadHintPart(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** A case: the lines, each ended by LF. */
    private static Arguments tags(String name, UnaryOperator<M3u8Writer> calls, String... lines) {
        return Arguments.of(name, calls, String.join("\n", lines) + "\n");
    }
}
