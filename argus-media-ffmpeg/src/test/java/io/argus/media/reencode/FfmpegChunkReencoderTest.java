package io.argus.media.reencode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.argus.media.codec.Codec;
import io.argus.media.transcode.TranscodeException;
import io.argus.testkit.Ffprobe;
import io.argus.testkit.SampleMedia;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

class FfmpegChunkReencoderTest {
    private static final ChunkReencoding CRF = new ChunkReencoding(28, 0, "ultrafast", 1);

    @TempDir
    Path dir;

    @Test
    void h264ChunkWithAudioBecomesH265WithEveryTimestampAndTheAudioUnchanged() throws Exception {
        ByteBuf original = RecordedChunk.of(SampleMedia.H264_360P25, Codec.H264, true);
        FfmpegChunkReencoder.Result r = FfmpegChunkReencoder.reencode(original, CRF, ByteBufAllocator.DEFAULT);
        try {
            assertEquals(100, r.pictures());
            assertTrue(r.codecs().startsWith("hvc1.") && r.codecs().contains("mp4a.40.2"), r.codecs());
            ChunkSamples a = ChunkSamples.of(original);
            ChunkSamples b = ChunkSamples.of(r.chunk());
            assertEquals(a.fragments, b.fragments);
            for (int t = 0; t < 2; t++) {
                assertArrayEquals(a.decodeTimes(t), b.decodeTimes(t));
                assertArrayEquals(a.presentationTimes(t), b.presentationTimes(t));
            }
            for (int i = 0; i < a.samples.size(); i++) {
                ChunkSamples.Sample x = a.samples.get(i);
                ChunkSamples.Sample y = b.samples.get(i);
                assertEquals(x.sync(), y.sync(), "keyframe of sample " + i);
                if (x.track() == 1) {
                    assertEquals(original.slice((int) x.offset(), x.size()),
                            r.chunk().slice((int) y.offset(), y.size()), "audio frame " + i);
                }
            }
            Path file = write(r.chunk(), "converted.mp4");
            Ffprobe.assumeInstalled();
            Ffprobe.Probe p = Ffprobe.probeStream(file, "v:0");
            assertEquals("hevc", p.stream().get("codec_name"));
            assertEquals("640", p.stream().get("width"));
            assertEquals(100, p.framePts().size());
            assertTrue(Ffprobe.decodeErrors(file).isEmpty(), () -> Ffprobe.decodeErrors(file).toString());
        } finally {
            r.chunk().release();
            original.release();
        }
    }

    @Test
    void h265ChunkIsReencodedToo() throws Exception {
        ByteBuf original = RecordedChunk.of(SampleMedia.H265_360P25, Codec.H265, false);
        FfmpegChunkReencoder.Result r = FfmpegChunkReencoder.reencode(original,
                new ChunkReencoding(0, 200, "ultrafast", 1), ByteBufAllocator.DEFAULT);
        try {
            assertArrayEquals(ChunkSamples.of(original).decodeTimes(0), ChunkSamples.of(r.chunk()).decodeTimes(0));
            assertTrue(r.chunk().readableBytes() < original.readableBytes() * 2 / 3,
                    r.chunk().readableBytes() + " of " + original.readableBytes());
        } finally {
            r.chunk().release();
            original.release();
        }
    }

    @Test
    void whatIsNoRecordingIsRefusedWithAReason() {
        ByteBuf junk = Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 8, 'f', 'r', 'e', 'e'});
        TranscodeException e = assertThrows(TranscodeException.class,
                () -> FfmpegChunkReencoder.reencode(junk, CRF, ByteBufAllocator.DEFAULT));
        assertTrue(e.getMessage().contains("does not parse"), e.getMessage());
    }

    @Test
    void aTargetBitrateOfHalfTheCamerasHalvesTheChunk() throws Exception {
        ByteBuf original = RecordedChunk.of(SampleMedia.H264_360P25, Codec.H264, false);
        long kbps = original.readableBytes() * 8L / 4000;
        FfmpegChunkReencoder.Result r = FfmpegChunkReencoder.reencode(original,
                new ChunkReencoding(0, (int) kbps / 2, "ultrafast", 1), ByteBufAllocator.DEFAULT);
        try {
            assertTrue(r.chunk().readableBytes() < original.readableBytes() * 0.6,
                    r.chunk().readableBytes() + " of " + original.readableBytes());
        } finally {
            r.chunk().release();
            original.release();
        }
    }

    /**
     * The bitrate tier conversion saves on the sample media, as docs/storage-tiers.md quotes it: each 4 s sample
     * as a recorded chunk, re-encoded at CRF 28, 32 and 36 and at half its bitrate, with the default preset and
     * threads ({@code storage.reencode.*}). Minutes of CPU, so only on request:
     * {@code -Dtest=FfmpegChunkReencoderTest#bitrateSavedOnTheSampleMedia -Dargus.measure=true}.
     */
    @Test
    @EnabledIfSystemProperty(named = "argus.measure", matches = "true")
    void bitrateSavedOnTheSampleMedia() throws Exception {
        for (SampleMedia s : new SampleMedia[] {SampleMedia.H264_1080P25, SampleMedia.H264_360P25,
            SampleMedia.H265_1080P25, SampleMedia.H265_360P25}) {
            Codec c = s.fileName().endsWith("h264") ? Codec.H264 : Codec.H265;
            ByteBuf original = RecordedChunk.of(s, c, false);
            int kbps = original.readableBytes() * 8 / 4000;
            for (ChunkReencoding how : List.of(new ChunkReencoding(28, 0, "medium", 2),
                    new ChunkReencoding(32, 0, "medium", 2), new ChunkReencoding(36, 0, "medium", 2),
                    new ChunkReencoding(0, kbps / 2, "medium", 2))) {
                long t0 = System.nanoTime();
                FfmpegChunkReencoder.Result r = FfmpegChunkReencoder.reencode(original, how, ByteBufAllocator.DEFAULT);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                System.out.printf("reencode %s %s: %d -> %d kbit/s (%.1f %% saved) in %d ms%n", s.fileName(),
                        how.crf() != 0 ? "crf=" + how.crf() : how.kbps() + "kbps", kbps,
                        r.chunk().readableBytes() * 8 / 4000,
                        100.0 * (original.readableBytes() - r.chunk().readableBytes()) / original.readableBytes(), ms);
                assertTrue(r.chunk().readableBytes() > 0);
                r.chunk().release();
            }
            original.release();
        }
    }

    private Path write(ByteBuf b, String name) throws IOException {
        byte[] bytes = new byte[b.readableBytes()];
        b.getBytes(b.readerIndex(), bytes);
        return Files.write(dir.resolve(name), bytes);
    }
}
