package io.argus.media.rtsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.MediaFormat;
import io.argus.media.path.SourceCounters;
import io.argus.media.stream.Stream;
import io.argus.media.stream.StreamConsumer;
import io.argus.testkit.RtpCapture;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The ingest pipeline (RTP packets of a session → receivers → depacketizers → stream) fed with what broken and
 * lying cameras send: nothing escapes as an exception, every bad packet is counted, nothing leaks, and good
 * packets after the bad ones still make frames.
 */
class RtspToStreamRobustnessTest {
    private static final List<MediaFormat> H264 = List.of(new MediaFormat.H264(null, null));
    private static final List<MediaFormat> H265 = List.of(new MediaFormat.H265(null, null, null));

    /** Collects frames published into a stream, on the test thread. */
    private static final class Frames implements StreamConsumer {
        final List<Long> pts = new ArrayList<>();

        @Override
        public void onAccessUnit(AccessUnit au) {
            pts.add(au.pts());
            au.release();
        }
    }

    private static ByteBuf buf(byte[] bytes) {
        return PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes);
    }

    private static Frames run(List<MediaFormat> formats, SourceCounters counters, List<byte[]> packets) {
        Stream stream = new Stream("robust", formats, Runnable::run);
        Frames frames = new Frames();
        stream.attach(frames, Runnable::run, 1024);
        try (RtspToStream toStream = new RtspToStream(formats, 32, counters)) {
            toStream.start(stream);
            for (byte[] p : packets) {
                assertThatCode(() -> toStream.receive(0, buf(p), System.nanoTime())).doesNotThrowAnyException();
            }
        }
        stream.close();
        return frames;
    }

    @Test
    void randomTruncatedAndMangledPacketsAreCountedNotThrown() {
        Random random = new Random(20261123);
        List<byte[]> good = RtpCapture.H264_360P25_FFMPEG_MTU600.packets();
        List<byte[]> mixed = new ArrayList<>();
        for (int i = 0; i < good.size(); i++) {
            byte[] p = good.get(i).clone();
            switch (i % 7) {
                case 1 -> mixed.add(java.util.Arrays.copyOf(p, random.nextInt(p.length)));
                case 3 -> {
                    byte[] noise = new byte[random.nextInt(1500)];
                    random.nextBytes(noise);
                    mixed.add(noise);
                }
                case 5 -> {
                    for (int k = 12; k < p.length; k += 1 + random.nextInt(40)) {
                        p[k] = (byte) random.nextInt(256);
                    }
                    mixed.add(p);
                }
                default -> mixed.add(p);
            }
        }
        SourceCounters counters = new SourceCounters();
        run(H264, counters, mixed);
        assertThat(counters.packets()).isEqualTo(mixed.size());
        assertThat(counters.packetsInvalid() + counters.packetsLost() + counters.framesDropped())
                .as("the damage is counted").isPositive();

        SourceCounters clean = new SourceCounters();
        Frames after = run(H264, clean, good);
        assertThat(after.pts).as("a clean run still yields every frame")
                .hasSize(RtpCapture.H264_360P25_FFMPEG_MTU600.frames());
        assertThat(clean.packetsInvalid() + clean.packetsLost() + clean.framesDropped()).isZero();
    }

    @Test
    void aCameraThatLiesAboutItsCodecIsCountedNotFatal() {
        SourceCounters counters = new SourceCounters();
        List<byte[]> h264Packets = RtpCapture.H264_360P25_FFMPEG_MTU600.packets();
        run(H265, counters, h264Packets);
        assertThat(counters.packets()).isEqualTo(h264Packets.size());
        assertThat(counters.packetsInvalid() + counters.framesDropped())
                .as("H.264 payloads read as H.265 are rejected and counted").isPositive();
    }

    @Test
    void emptyAndHeaderOnlyPacketsAreInvalid() {
        SourceCounters counters = new SourceCounters();
        run(H264, counters, List.of(new byte[0], new byte[] {(byte) 0x80}, new byte[11],
                new byte[] {(byte) 0x80, 96, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1}));
        assertThat(counters.packetsInvalid()).isGreaterThanOrEqualTo(3);
    }
}
