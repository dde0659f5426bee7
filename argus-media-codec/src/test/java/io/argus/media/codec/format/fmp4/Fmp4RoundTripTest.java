package io.argus.media.codec.format.fmp4;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.MediaFormat;
import io.argus.testkit.Ffprobe;
import io.argus.testkit.LeakCheck;
import io.argus.testkit.SampleMedia;
import io.argus.testkit.tier.Interop;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Sample media → init segment + fragments → a file → our validator, then ffprobe and ffmpeg (skipped where they
 * are not installed) must see the codec, size, every frame at its time, and decode without an error.
 */
@Interop
class Fmp4RoundTripTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = SampleMedia.class, names = {"H264_1080P25", "H264_360P25", "H265_1080P25", "H265_360P25"})
    void videoSampleRoundTrips(SampleMedia sample) throws IOException {
        Path file = dir.resolve(sample.name() + ".mp4");
        Fmp4TestMedia.Units units = Fmp4TestMedia.video(sample, 0).releaseStream();
        List<Fmp4Fragment> fragments = Fmp4Recording.write(file, List.of(Fmp4TestMedia.format(sample)),
                units.units(), 0);
        LeakCheck.assertReleased(units.units());
        LeakCheck.assertReleased(fragments);

        assertThat(fragments).extracting(Fmp4Fragment::sequenceNumber).containsExactly(1L, 2L);
        assertThat(fragments).allMatch(Fmp4Fragment::independent);
        assertThat(fragments).extracting(Fmp4Fragment::durationSeconds).containsExactly(2.0, 2.0);

        Mp4Structure s = validate(file);
        assertThat(s.tracks()).containsExactly(new Mp4Structure.Track(1, "vide", 90_000,
                Fmp4TestMedia.hevc(sample) ? "hvc1" : "avc1", sample.width(), sample.height()));
        assertThat(s.fragments()).extracting(f -> f.runs().get(0).baseMediaDecodeTime()).containsExactly(0L, 180_000L);
        List<Mp4Structure.Sample> samples = s.samples(1);
        assertThat(samples).hasSize(100).allMatch(x -> x.duration() == Fmp4TestMedia.FRAME_TICKS);
        assertThat(IntStream.range(0, 100).filter(i -> samples.get(i).sync()).boxed()).containsExactly(0, 50);

        Ffprobe.assumeInstalled();
        Ffprobe.Probe v = Ffprobe.probeStream(file, "v:0");
        assertThat(v.stream()).containsEntry("codec_name", Fmp4TestMedia.hevc(sample) ? "hevc" : "h264")
                .containsEntry("codec_tag_string", Fmp4TestMedia.hevc(sample) ? "hvc1" : "avc1")
                .containsEntry("width", Integer.toString(sample.width()))
                .containsEntry("height", Integer.toString(sample.height()))
                .containsEntry("nb_read_frames", "100")
                .containsEntry("duration", "4.000000");
        assertThat(Ffprobe.formatDuration(file)).isEqualTo("4.000000");
        assertThat(v.framePts()).containsExactlyElementsOf(times(100, 0.04));
        assertThat(Ffprobe.decodeErrors(file)).isEmpty();
    }

    @Test
    void aacAloneRoundTrips() throws IOException {
        Path file = dir.resolve("aac.mp4");
        Fmp4TestMedia.Units units = Fmp4TestMedia.aac(0).releaseStream();
        List<Fmp4Fragment> fragments = Fmp4Recording.write(file, List.of(Fmp4TestMedia.aacFormat()),
                units.units(), 47);
        LeakCheck.assertReleased(units.units());
        assertThat(fragments).hasSize(5);

        Mp4Structure s = validate(file);
        assertThat(s.tracks()).containsExactly(new Mp4Structure.Track(1, "soun", 48_000, "mp4a", 0, 0));
        assertThat(s.samples(1)).hasSize(189).allMatch(x -> x.duration() == 1024 && x.sync());

        Ffprobe.assumeInstalled();
        Ffprobe.Probe a = Ffprobe.probeStream(file, "a:0");
        assertThat(a.stream()).containsEntry("codec_name", "aac").containsEntry("sample_rate", "48000")
                .containsEntry("channels", "2").containsEntry("nb_read_frames", "189")
                .containsEntry("duration", "4.032000");
        assertThat(a.framePts()).containsExactlyElementsOf(times(189, 1024 / 48_000.0));
        assertThat(Ffprobe.decodeErrors(file)).isEmpty();
    }

    @Test
    void videoAndAudioMuxInOneFile() throws IOException {
        Path file = dir.resolve("av.mp4");
        Fmp4TestMedia.Units video = Fmp4TestMedia.video(SampleMedia.H264_360P25, 0).releaseStream();
        Fmp4TestMedia.Units audio = Fmp4TestMedia.aac(1).releaseStream();
        List<AccessUnit> all = new ArrayList<>(video.units());
        all.addAll(audio.units());
        List<MediaFormat> formats = List.of(Fmp4TestMedia.format(SampleMedia.H264_360P25), Fmp4TestMedia.aacFormat());
        List<Fmp4Fragment> fragments = Fmp4Recording.write(file, formats, all, 0);
        LeakCheck.assertReleased(all);
        assertThat(fragments).hasSize(2);
        assertThat(fragments.get(1).run(0).baseMediaDecodeTime()).isEqualTo(180_000);
        assertThat(fragments.get(1).run(1).baseMediaDecodeTime()).isEqualTo(94 * 1024);

        Mp4Structure s = validate(file);
        assertThat(s.tracks()).extracting(Mp4Structure.Track::timescale).containsExactly(90_000, 48_000);
        assertThat(s.samples(1)).hasSize(100);
        assertThat(s.samples(2)).hasSize(189);

        Ffprobe.assumeInstalled();
        Ffprobe.Probe v = Ffprobe.probeStream(file, "v:0");
        Ffprobe.Probe a = Ffprobe.probeStream(file, "a:0");
        assertThat(v.stream()).containsEntry("codec_name", "h264").containsEntry("width", "640")
                .containsEntry("height", "360").containsEntry("nb_read_frames", "100")
                .containsEntry("duration", "4.000000");
        assertThat(a.stream()).containsEntry("codec_name", "aac").containsEntry("nb_read_frames", "189")
                .containsEntry("duration", "4.032000");
        assertThat(Ffprobe.formatDuration(file)).isEqualTo("4.032000");
        assertThat(v.framePts()).containsExactlyElementsOf(times(100, 0.04));
        assertThat(a.framePts()).containsExactlyElementsOf(times(189, 1024 / 48_000.0));
        assertThat(Ffprobe.decodeErrors(file)).isEmpty();
    }

    private static Mp4Structure validate(Path file) throws IOException {
        ByteBuf bytes = Unpooled.wrappedBuffer(Files.readAllBytes(file));
        try {
            return Mp4Structure.validate(bytes);
        } finally {
            bytes.release();
        }
    }

    /** ffprobe's pts_time strings: i * step with six decimals. */
    private static List<String> times(int n, double step) {
        return IntStream.range(0, n).mapToObj(i -> String.format(Locale.ROOT, "%.6f", i * step)).toList();
    }
}
