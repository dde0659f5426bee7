package io.argus.media.codec.format.fmp4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.media.codec.MediaFormat;
import io.argus.testkit.SampleMedia;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The init segment: brands, tracks, codecs, the optional mehd, and a moov our validator accepts. */
class Fmp4InitSegmentTest {

    private static final MediaFormat H264 = Fmp4TestMedia.format(SampleMedia.H264_1080P25);
    private static final MediaFormat AAC = Fmp4TestMedia.aacFormat();

    @Test
    void singleTrackIsACmafHeader() {
        Fmp4InitSegment init = Fmp4InitSegment.write(List.of(H264), ByteBufAllocator.DEFAULT);
        // ftyp, 32 bytes: major iso6, minor 0, compatible iso6 cmfc isom mp41
        assertThat(ByteBufUtil.hexDump(init.content(), 0, 32))
                .isEqualTo("00000020" + "66747970" + "69736f36" + "00000000" + "69736f36" + "636d6663" + "69736f6d"
                        + "6d703431");
        assertThat(init.codecs()).isEqualTo("avc1.640028");
        assertThat(init.tracks()).containsExactly(new Fmp4Track(1, H264, 90_000, "avc1.640028", 1920, 1080));
        Mp4Structure s = validate(init);
        assertThat(s.tracks()).containsExactly(new Mp4Structure.Track(1, "vide", 90_000, "avc1", 1920, 1080));
        assertThat(s.fragments()).isEmpty();
        assertThat(box(init, "moov/mvex/mehd")).isNull();
        init.release();
    }

    @Test
    void videoAndAudioTracksWithAKnownDuration() {
        Fmp4InitSegment init = Fmp4InitSegment.write(List.of(H264, AAC), Duration.ofMillis(4032),
                ByteBufAllocator.DEFAULT);
        // ftyp without cmfc: a CMAF header has one track
        assertThat(ByteBufUtil.hexDump(init.content(), 0, 28))
                .isEqualTo("0000001c" + "66747970" + "69736f36" + "00000000" + "69736f36" + "69736f6d" + "6d703431");
        assertThat(init.codecs()).isEqualTo("avc1.640028,mp4a.40.2");
        Mp4Structure s = validate(init);
        assertThat(s.tracks()).containsExactly(new Mp4Structure.Track(1, "vide", 90_000, "avc1", 1920, 1080),
                new Mp4Structure.Track(2, "soun", 48_000, "mp4a", 0, 0));
        Mp4Box mehd = box(init, "moov/mvex/mehd");
        // mehd version 1: 64-bit fragment_duration 4032 ms in the movie timescale (1000)
        assertThat(ByteBufUtil.hexDump(init.content(), (int) mehd.offset(), (int) mehd.size()))
                .isEqualTo("00000014" + "6d656864" + "01000000" + "0000000000000fc0");
        assertThat(box(init, "moov/mvhd").size()).isEqualTo(108);
        init.release();
    }

    @Test
    void refusesNoTracksAndMissingParameterSets() {
        assertThatThrownBy(() -> Fmp4InitSegment.write(List.of(), ByteBufAllocator.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fmp4InitSegment.write(List.of(new MediaFormat.H265(null, null, null)),
                ByteBufAllocator.DEFAULT)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void holderMethodsKeepTheTracks() {
        Fmp4InitSegment init = Fmp4InitSegment.write(List.of(AAC), ByteBufAllocator.DEFAULT);
        Fmp4InitSegment dup = init.retainedDuplicate();
        assertThat(dup.tracks()).isEqualTo(init.tracks());
        assertThat(dup.content().readableBytes()).isEqualTo(init.content().readableBytes());
        dup.release();
        assertThat(init.refCnt()).isEqualTo(1);
        init.release();
    }

    private static Mp4Structure validate(Fmp4InitSegment init) {
        return Mp4Structure.validate(init.content());
    }

    private static Mp4Box box(Fmp4InitSegment init, String path) {
        ByteBuf content = init.content();
        List<Mp4Box> top = Mp4BoxReader.read(content);
        String[] steps = path.split("/", 2);
        return top.stream().filter(b -> b.typeName().equals(steps[0])).findFirst().orElseThrow().find(steps[1]);
    }
}
