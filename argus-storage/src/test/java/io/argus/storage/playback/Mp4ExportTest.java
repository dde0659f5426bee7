package io.argus.storage.playback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.media.codec.format.fmp4.Mp4Structure;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.chunk.LocalSegmentStore;
import io.argus.storage.chunk.LocalVolumeConfig;
import io.argus.storage.chunk.ReadableChunk;
import io.argus.testkit.Ffprobe;
import io.argus.testkit.SampleMedia;
import io.argus.testkit.tier.Interop;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exports across two chunks and an outage, checked by the strict parser and by ffprobe. */
@Interop
class Mp4ExportTest {
    private static final ByteBufAllocator ALLOC = PooledByteBufAllocator.DEFAULT;
    private static final Instant T0 = PlaybackPlaylistTest.T0;

    @TempDir
    static Path dir;
    static LocalSegmentStore store;
    static ChunkFragments fragments;
    static List<ChunkRecord> video;
    static List<ChunkRecord> withAudio;

    @BeforeAll
    static void record() throws IOException {
        store = LocalSegmentStore.open(List.of(new LocalVolumeConfig("v0", dir.resolve("store"), 1L << 40, 0)));
        fragments = new ChunkFragments(store, ALLOC);
        UUID tenant = UUID.randomUUID();
        video = PlaybackPlaylistTest.threeChunks(store, tenant, UUID.randomUUID(), SampleMedia.H264_1080P25, false);
        withAudio = PlaybackPlaylistTest.threeChunks(store, tenant, UUID.randomUUID(), SampleMedia.H264_360P25, true);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void aRangeAcrossTwoChunksAndAGapIsOneContinuousFile() throws Exception {
        // from in A's second GOP (2..4 s), to in C's first GOP (14..16 s): A's 2nd GOP, all of B, C's 1st GOP.
        Instant from = T0.plusSeconds(3);
        Instant to = T0.plusSeconds(15);
        Mp4Export export = Mp4Export.plan(ChunkSource.of(store), Playback.gops(video, fragments, from, to), from, to, ALLOC);
        assertThat(export.start()).isEqualTo(T0.plusSeconds(2));
        assertThat(export.end()).isEqualTo(T0.plusSeconds(16));
        assertThat(export.duration()).isEqualTo(Duration.ofSeconds(8));
        assertThat(export.fragmentCount()).isEqualTo(4);

        Path file = dir.resolve("export.mp4");
        Counting out = new Counting(file);
        try (out) {
            export.writeTo(ChunkSource.of(store), out, ALLOC);
        }
        assertThat(Files.size(file)).isEqualTo(export.contentLength());

        ByteBuf bytes = Unpooled.wrappedBuffer(Files.readAllBytes(file));
        Mp4Structure s;
        try {
            s = Mp4Structure.validate(bytes);
        } finally {
            bytes.release();
        }
        assertThat(s.fragments()).extracting(Mp4Structure.Fragment::sequenceNumber).containsExactly(1L, 2L, 3L, 4L);
        assertThat(s.fragments()).extracting(f -> f.runs().get(0).baseMediaDecodeTime())
                .containsExactly(0L, 180_000L, 360_000L, 540_000L);
        assertThat(s.samples(1)).hasSize(200);
        assertThat(s.fragments()).allMatch(f -> f.runs().get(0).samples().get(0).sync());
        // Only the init segment and the moofs went through memory; every mdat went store-to-file as a range.
        long mdats = s.fragments().stream().mapToLong(f -> f.end() - f.offset()).sum()
                - s.fragments().stream().mapToLong(f -> f.runs().get(0).dataOffset() - 8 - f.offset()).sum();
        assertThat(out.rangeBytes).isEqualTo(mdats);
        assertThat(out.bufferBytes).isEqualTo(export.contentLength() - mdats);
        assertThat(out.bufferBytes).isLessThan(8 * 1024);

        Ffprobe.assumeInstalled();
        String probe = Ffprobe.probe(file.toString(), "-count_frames", "-select_streams", "v:0", "-show_entries",
                "stream=nb_read_frames,duration:format=duration");
        assertThat(number(probe, "nb_read_frames")).isEqualTo(200);
        assertThat(decimal(probe, "duration")).isEqualTo(8.0);
        String first = Ffprobe.probe(file.toString(), "-select_streams", "v:0", "-read_intervals", "%+#1",
                "-show_entries", "frame=key_frame,pts_time");
        assertThat(number(first, "key_frame")).isEqualTo(1);
        assertThat(decimal(first, "pts_time")).isEqualTo(0.0);
    }

    @Test
    void audioStaysInStepAcrossChunks() throws Exception {
        Instant from = T0;
        Instant to = T0.plusSeconds(20);
        Mp4Export export = Mp4Export.plan(ChunkSource.of(store), Playback.gops(withAudio, fragments, from, to), from, to, ALLOC);
        Path file = dir.resolve("audio.mp4");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            export.writeTo(ChunkSource.of(store), MediaOutput.of(ch), ALLOC);
        }
        ByteBuf bytes = Unpooled.wrappedBuffer(Files.readAllBytes(file));
        Mp4Structure s;
        try {
            s = Mp4Structure.validate(bytes);
        } finally {
            bytes.release();
        }
        assertThat(s.tracks()).hasSize(2);
        assertThat(s.samples(1)).hasSize(300);
        assertThat(export.duration()).isBetween(Duration.ofMillis(11_990), Duration.ofMillis(12_040));
        // Each chunk's audio starts where its video starts, in both tracks' timescales.
        for (int i = 0; i < s.fragments().size(); i += 2) {
            Mp4Structure.Fragment f = s.fragments().get(i);
            double v = f.runs().get(0).baseMediaDecodeTime() / 90_000.0;
            double a = f.runs().get(1).baseMediaDecodeTime() / 48_000.0;
            assertThat(a).as("chunk %d", i / 2).isCloseTo(v, org.assertj.core.data.Offset.offset(0.022));
        }
        Ffprobe.assumeInstalled();
        String probe = Ffprobe.probe(file.toString(), "-count_frames", "-show_entries",
                "stream=codec_type,nb_read_frames");
        assertThat(probe).contains("\"audio\"").contains("\"video\"");
    }

    @Test
    void aFormatChangeInTheRangeIsRefusedBeforeAnyByte() throws IOException {
        UUID tenant = UUID.randomUUID();
        UUID camera = UUID.randomUUID();
        Instant t = T0.plusSeconds(3600);
        ChunkRecord hd = ChunkFixtures.write(store, tenant, camera, t, SampleMedia.H264_1080P25, false, 0, null);
        ChunkRecord sd = ChunkFixtures.write(store, tenant, camera, t.plusSeconds(4), SampleMedia.H264_360P25, false,
                360_000, hd);
        List<Gop> gops = Playback.gops(List.of(hd, sd), fragments, t, t.plusSeconds(8));
        assertThatThrownBy(() -> Mp4Export.plan(ChunkSource.of(store), gops, t, t.plusSeconds(8), ALLOC))
                .isInstanceOfSatisfying(PlaybackException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PlaybackException.Reason.FORMAT_CHANGE);
                    assertThat(e.at()).isEqualTo(t.plusSeconds(4));
                    assertThat(e.getMessage()).contains("avc1 1920x1080").contains("avc1 640x360");
                });
        // Each side of the change exports on its own.
        assertThat(Mp4Export.plan(ChunkSource.of(store), Playback.gops(List.of(hd, sd), fragments, t, t.plusSeconds(4)), t,
                t.plusSeconds(4), ALLOC).fragmentCount()).isEqualTo(2);
    }

    @Test
    void mehdIsInsertedIntoTheInitSegment() {
        ByteBuf init = Unpooled.wrappedBuffer(Mp4Export.withMehd(initOf(video.get(0)), 8000));
        try {
            Mp4Structure s = Mp4Structure.validate(init);
            assertThat(s.tracks()).hasSize(1);
            String hex = io.netty.buffer.ByteBufUtil.hexDump(init);
            assertThat(hex).contains("000000146d65686401000000" + "0000000000001f40");
        } finally {
            init.release();
        }
    }

    private static ByteBuf initOf(ChunkRecord c) {
        try {
            ChunkMedia m = fragments.get(c.location());
            ByteBuf b;
            try (ReadableChunk chunk = store.open(c.location())) {
                b = chunk.read(0, (int) m.initSize(), ALLOC);
            }
            try {
                return Unpooled.wrappedBuffer(io.netty.buffer.ByteBufUtil.getBytes(b));
            } finally {
                b.release();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static long number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": \"?(\\d+)").matcher(json);
        assertThat(m.find()).as(key + " in " + json).isTrue();
        return Long.parseLong(m.group(1));
    }

    static double decimal(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": \"?([0-9.]+)").matcher(json);
        assertThat(m.find()).as(key + " in " + json).isTrue();
        return Double.parseDouble(m.group(1));
    }

    /** A file output that counts what came as buffers and what came as chunk ranges. */
    private static final class Counting implements MediaOutput, AutoCloseable {
        final FileChannel channel;
        final MediaOutput delegate;
        long bufferBytes;
        long rangeBytes;

        Counting(Path file) throws IOException {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            delegate = MediaOutput.of(channel);
        }

        @Override
        public void write(ByteBuf bytes) throws IOException {
            bufferBytes += bytes.readableBytes();
            delegate.write(bytes);
        }

        @Override
        public void write(ReadableChunk chunk, long offset, long length) throws IOException {
            rangeBytes += length;
            delegate.write(chunk, offset, length);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
