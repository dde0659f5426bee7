package io.argus.media.codec.format.fmp4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.MediaFormat;
import io.argus.testkit.LeakCheck;
import io.argus.testkit.SampleMedia;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the recorder writes, read back: the init segment's format (parameter sets from avcC/hvcC) and every video
 * sample as an access unit with its NAL units, timestamps and keyframe flag, audio left out, nothing leaked.
 */
class Fmp4VideoReaderTest {

    @ParameterizedTest
    @EnumSource(value = SampleMedia.class, names = {"H264_360P25", "H265_360P25"})
    void readsBackTheVideoTheWriterWrote(SampleMedia sample) {
        MediaFormat format = Fmp4TestMedia.format(sample);
        Fmp4TestMedia.Units video = Fmp4TestMedia.video(sample, 0).releaseStream();
        Fmp4TestMedia.Units audio = Fmp4TestMedia.aac(1).releaseStream();
        List<AccessUnit> written = video.units();
        List<byte[][]> expected = new ArrayList<>();
        boolean hevc = Fmp4TestMedia.hevc(sample);
        for (AccessUnit au : written) {
            List<byte[]> nals = new ArrayList<>();
            for (int i = 0; i < au.unitCount(); i++) {
                byte[] nal = ByteBufUtil.getBytes(au.unit(i));
                // The writer drops access unit delimiters (H.264 type 9, H.265 type 35).
                if ((hevc ? (nal[0] >> 1) & 0x3f : nal[0] & 0x1f) != (hevc ? 35 : 9)) {
                    nals.add(nal);
                }
            }
            expected.add(nals.toArray(new byte[0][]));
        }
        List<Long> keyframes = written.stream().filter(AccessUnit::keyframe).map(AccessUnit::dts).toList();
        Fmp4InitSegment init = Fmp4InitSegment.write(List.of(format, Fmp4TestMedia.aacFormat()),
                ByteBufAllocator.DEFAULT);
        ByteBuf fragments = Unpooled.buffer();
        try (Fmp4FragmentWriter writer = new Fmp4FragmentWriter(init.tracks(), ByteBufAllocator.DEFAULT)) {
            for (AccessUnit au : written) {
                writer.add(au);
            }
            audio.units().stream().limit(50).forEach(writer::add);
            audio.units().stream().skip(50).forEach(AccessUnit::release);
            Fmp4Fragment f = writer.flush();
            fragments.writeBytes(f.content());
            f.release();
        }

        Fmp4VideoReader.VideoTrack track = Fmp4VideoReader.videoTrack(init.content());
        assertThat(track.trackId()).isEqualTo(1);
        assertThat(track.timescale()).isEqualTo(90_000);
        assertThat(track.format()).isEqualTo(format);
        assertThat(track.nalLengthSize()).isEqualTo(4);

        List<AccessUnit> read = new ArrayList<>();
        Fmp4VideoReader.accessUnits(fragments, track, t -> t + 1_000_000, read::add);
        try {
            assertThat(read).hasSize(expected.size());
            for (int i = 0; i < read.size(); i++) {
                AccessUnit au = read.get(i);
                assertThat(au.dts()).isEqualTo(1_000_000 + i * Fmp4TestMedia.FRAME_TICKS);
                assertThat(au.pts()).isEqualTo(au.dts());
                assertThat(au.codec()).isEqualTo(format.codec());
                List<byte[]> nals = new ArrayList<>();
                for (int k = 0; k < au.unitCount(); k++) {
                    nals.add(ByteBufUtil.getBytes(au.unit(k)));
                }
                assertThat(nals).as("picture %d", i).containsExactly(expected.get(i));
            }
            assertThat(read.stream().filter(AccessUnit::keyframe).map(AccessUnit::dts).toList())
                    .isEqualTo(keyframes.stream().map(t -> t + 1_000_000).toList());
        } finally {
            read.forEach(AccessUnit::release);
            init.release();
        }
        assertThat(fragments.refCnt()).as("the reader's slices released with their units").isEqualTo(1);
        fragments.release();
        LeakCheck.assertReleased(read);
    }

    @ParameterizedTest
    @EnumSource(value = SampleMedia.class, names = {"H264_360P25"})
    void aNalLengthPastItsSampleIsAFormatErrorAndLeaksNothing(SampleMedia sample) {
        Fmp4TestMedia.Units video = Fmp4TestMedia.video(sample, 0).releaseStream();
        Fmp4InitSegment init = Fmp4InitSegment.write(List.of(Fmp4TestMedia.format(sample)), ByteBufAllocator.DEFAULT);
        ByteBuf fragments = Unpooled.buffer();
        try (Fmp4FragmentWriter writer = new Fmp4FragmentWriter(init.tracks(), ByteBufAllocator.DEFAULT)) {
            video.units().forEach(writer::add);
            Fmp4Fragment f = writer.flush();
            fragments.writeBytes(f.content());
            f.release();
        }
        Fmp4VideoReader.VideoTrack track = Fmp4VideoReader.videoTrack(init.content());
        init.release();
        int mdat = ByteBufUtil.indexOf(Unpooled.wrappedBuffer(new byte[] {'m', 'd', 'a', 't'}), fragments);
        fragments.setInt(mdat + 4, 0x7fffffff);
        List<AccessUnit> read = new ArrayList<>();
        assertThatThrownBy(() -> Fmp4VideoReader.accessUnits(fragments, track, t -> t, read::add))
                .isInstanceOf(Mp4FormatException.class).hasMessageContaining("overruns its sample");
        assertThat(read).isEmpty();
        assertThat(fragments.refCnt()).isEqualTo(1);
        fragments.release();
    }
}
