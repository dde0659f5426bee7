package io.argus.media.codec.format.ts;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.Codec;
import io.argus.media.codec.MediaFormat;
import io.argus.testkit.Ffprobe;
import io.argus.testkit.SampleMedia;
import io.argus.testkit.tier.Interop;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The demuxer against ffmpeg 5.1's MPEG-TS muxer and ffprobe's reading of the same file: a sample video with the
 * AAC sample, muxed with {@code ffmpeg -f h264|hevc -r 25 -i <video> -i aac-48k.aac -c copy -f mpegts} at test
 * time. Every access unit's time and keyframe flag must be what ffprobe reports for the packet; then damaged copies
 * of the file (flipped bytes, cut short, lost packets) must be survived without an exception or a leak.
 */
@Interop
class TsDemuxerGoldenTest {
    @TempDir
    Path dir;

    final Recorder out = new Recorder();

    @AfterEach
    void release() {
        out.units.forEach(AccessUnit::release);
    }

    @ParameterizedTest
    @EnumSource(value = SampleMedia.class, names = {"H264_360P25", "H265_360P25"})
    void accessUnitsMatchFfprobe(SampleMedia video) throws IOException {
        Path ts = mux(video);
        List<String[]> packets = new ArrayList<>();
        for (String line : Ffprobe.ffprobe("-show_entries", "packet=stream_index,pts,dts,flags", "-of", "csv=p=0",
                ts.toString()).lines()) {
            if (!line.isBlank()) {
                packets.add(line.split(","));
            }
        }
        long first = Long.parseLong(packets.get(0)[1]);
        byte[] bytes = Files.readAllBytes(ts);
        ByteBuf input = Unpooled.wrappedBuffer(bytes);
        TsDemuxer demuxer = new TsDemuxer(out);
        // 1316 bytes is what SRT carries per message; 1000 splits packets across chunks.
        for (int at = 0, chunk = 1316; at < bytes.length; at += chunk, chunk = chunk == 1316 ? 1000 : 1316) {
            feed(demuxer, input, at, Math.min(chunk, bytes.length - at));
        }
        demuxer.end(0);
        Codec codec = video == SampleMedia.H264_360P25 ? Codec.H264 : Codec.H265;
        assertThat(out.codecs).containsExactly(codec, Codec.AAC);
        assertThat(out.formats.get(0).codec()).isEqualTo(codec);
        assertThat(out.formats.get(1)).isEqualTo(new MediaFormat.Aac(new byte[] {0x11, (byte) 0x90}, 48_000, 2));
        List<String[]> expectedVideo = packets.stream().filter(p -> p[0].equals("0")).toList();
        List<String[]> expectedAudio = packets.stream().filter(p -> p[0].equals("1")).toList();
        List<AccessUnit> gotVideo = out.units.stream().filter(au -> au.track() == 0).toList();
        List<AccessUnit> gotAudio = out.units.stream().filter(au -> au.track() == 1).toList();
        assertThat(gotVideo).hasSize(video.frames()).hasSize(expectedVideo.size());
        assertThat(gotAudio).hasSize(SampleMedia.AAC_48K.frames()).hasSize(expectedAudio.size());
        for (int i = 0; i < gotVideo.size(); i++) {
            AccessUnit au = gotVideo.get(i);
            String[] p = expectedVideo.get(i);
            assertThat(au.pts()).as("pts of frame %d", i).isEqualTo(Long.parseLong(p[1]) - first);
            assertThat(au.dts()).as("dts of frame %d", i).isEqualTo(Long.parseLong(p[2]) - first);
            assertThat(au.keyframe()).as("keyframe %d", i).isEqualTo(p[3].startsWith("K"));
            assertThat(au.codec()).isEqualTo(codec);
        }
        assertThat(gotVideo.stream().filter(AccessUnit::keyframe)).hasSize(2);
        for (int i = 0; i < gotAudio.size(); i++) {
            assertThat(gotAudio.get(i).pts()).as("audio frame %d", i)
                    .isEqualTo((Long.parseLong(expectedAudio.get(i)[1]) - first) * 48_000 / 90_000);
        }
        assertThat(demuxer.continuityErrors() + demuxer.corrupt() + demuxer.syncLosses() + demuxer.needConfig())
                .isZero();
        demuxer.close();
        out.units.forEach(AccessUnit::release);
        out.units.clear();
        assertThat(input.refCnt()).as("every slice of the input released with its access unit").isEqualTo(1);
        input.release();
    }

    @Test
    void accessUnitsAreViewsOfTheInputNotCopies() throws IOException {
        byte[] bytes = Files.readAllBytes(mux(SampleMedia.H264_360P25));
        ByteBuf input = Unpooled.wrappedBuffer(bytes);
        TsDemuxer demuxer = new TsDemuxer(out);
        demuxer.accept(input, 0);
        demuxer.end(0);
        assertThat(out.units).hasSize(100 + 189);
        Arrays.fill(bytes, (byte) 0);
        for (AccessUnit au : out.units) {
            for (int i = 0; i < au.unitCount(); i++) {
                ByteBuf unit = au.unit(i);
                assertThat(unit.forEachByte(b -> b == 0)).as("unit %d of %s reads the zeroed input", i, au)
                        .isEqualTo(-1);
            }
        }
        demuxer.close();
        out.units.forEach(AccessUnit::release);
        out.units.clear();
        assertThat(input.release()).isTrue();
    }

    @Test
    void damagedStreamsAreCountedNeverThrownAndLeakNothing() throws IOException {
        byte[] good = Files.readAllBytes(mux(SampleMedia.H264_360P25));
        Random random = new Random(13);
        for (int round = 0; round < 40; round++) {
            byte[] bad = good.clone();
            int cut = round % 4 == 0 ? random.nextInt(bad.length) : bad.length;
            for (int k = 0; k < 1 + random.nextInt(200); k++) {
                bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
            }
            ByteBuf input = Unpooled.wrappedBuffer(bad, 0, cut);
            Recorder r = new Recorder();
            TsDemuxer demuxer = new TsDemuxer(r);
            for (int at = 0; at < cut; ) {
                int n = Math.min(1 + random.nextInt(3000), cut - at);
                // drop a chunk now and then: a lost SRT message
                if (random.nextInt(20) != 0) {
                    feed(demuxer, input, at, n);
                }
                at += n;
            }
            demuxer.end(0);
            demuxer.close();
            r.units.forEach(AccessUnit::release);
            assertThat(input.refCnt()).as("round %d leaks nothing", round).isEqualTo(1);
            input.release();
        }
    }

    @Test
    void lostPacketsAreCountedAndTheirPictureDropped() throws IOException {
        byte[] good = Files.readAllBytes(mux(SampleMedia.H264_360P25));
        ByteBuf input = Unpooled.wrappedBuffer(good);
        TsDemuxer demuxer = new TsDemuxer(out);
        int packets = good.length / TsDemuxer.PACKET;
        for (int i = 0; i < packets; i++) {
            if (i != packets / 2) {
                feed(demuxer, input, i * TsDemuxer.PACKET, TsDemuxer.PACKET);
            }
        }
        demuxer.end(0);
        assertThat(demuxer.continuityErrors()).isEqualTo(1);
        assertThat(out.units.size() + demuxer.dropped()).isEqualTo(100 + 189);
        demuxer.close();
        out.units.forEach(AccessUnit::release);
        out.units.clear();
        assertThat(input.release()).isTrue();
    }

    /** Lends the demuxer one chunk of {@code input}, as a socket read would: the chunk is released after. */
    private static void feed(TsDemuxer demuxer, ByteBuf input, int at, int length) {
        ByteBuf chunk = input.retainedSlice(at, length);
        demuxer.accept(chunk, 0);
        chunk.release();
    }

    private Path mux(SampleMedia video) {
        Ffprobe.assumeInstalled();
        Path ts = dir.resolve(video.name() + ".ts");
        Ffprobe.ffmpeg("-f", video == SampleMedia.H264_360P25 ? "h264" : "hevc", "-r", "25", "-i",
                video.path().toString(), "-i", SampleMedia.AAC_48K.path().toString(), "-c", "copy", "-f", "mpegts",
                ts.toString());
        return ts;
    }

    /** Keeps what the demuxer reports. */
    static final class Recorder implements TsListener {
        final List<Codec> codecs = new ArrayList<>();
        final List<MediaFormat> formats = new ArrayList<>();
        final List<AccessUnit> units = new ArrayList<>();

        @Override
        public void tracks(List<Codec> found) {
            codecs.addAll(found);
            found.forEach(c -> formats.add(null));
        }

        @Override
        public void format(int track, MediaFormat format) {
            formats.set(track, format);
        }

        @Override
        public void accept(AccessUnit au) {
            units.add(au);
        }
    }
}
