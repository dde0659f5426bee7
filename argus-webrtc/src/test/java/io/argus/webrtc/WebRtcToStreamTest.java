package io.argus.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.Codec;
import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.rtp.h264.H264Packetizer;
import io.argus.media.path.Backoff;
import io.argus.media.path.Path;
import io.argus.media.path.PathManager;
import io.argus.media.path.SourceListener;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultEventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A WHIP publisher's RTP into a real path: nothing goes live before a keyframe with its parameter sets (those
 * units are dropped and a keyframe is asked for), the keyframe makes the path live with the in-band SPS/PPS, and
 * thousands of random datagrams in the RTP range after that never throw, never end the stream, and leak nothing
 * (Netty's paranoid leak detection runs in every test).
 */
class WebRtcToStreamTest {
    static final byte[] SPS = {0x67, 0x42, (byte) 0xc0, 0x1f, (byte) 0xd9};
    static final byte[] PPS = {0x68, (byte) 0xce, 0x3c, (byte) 0x80};

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final DefaultEventLoop loop = new DefaultEventLoop();
    private final PathManager paths = new PathManager(List.of(), scheduler, Backoff.DEFAULT);
    private H264Packetizer packetizer = new H264Packetizer(108, 0x1234, 100, WhepSession.MTU);

    @AfterEach
    void stop() throws Exception {
        loop.shutdownGracefully().sync();
        scheduler.shutdownNow();
    }

    /**
     * Chromium probes bandwidth with padding-only packets on the video SSRC when RTX is not negotiated (RFC 3550
     * §5.1 allows them): they carry no media, and must neither count as corrupt nor cost the access unit around them.
     */
    @Test
    void paddingOnlyPacketsAreNeitherCorruptNorLoss() throws Exception {
        Path path = paths.add("pad-id", "whip-pad", null, true);
        SourceListener publisher = path.acquirePublisher();
        WebRtcToStream toStream = new WebRtcToStream(publisher, path.counters(), loop);
        loop.submit(() -> {
            for (ByteBuf p : packets(true, 0)) {
                toStream.video(p, System.nanoTime());
            }
            toStream.video(padding(packetizer.nextSequence(), 0), System.nanoTime());
            packetizer = new H264Packetizer(108, 0x1234, (packetizer.nextSequence() + 1) & 0xffff, WhepSession.MTU);
            for (long ts = 3600; ts <= 7200; ts += 3600) {
                for (ByteBuf p : packets(false, ts)) {
                    toStream.video(p, System.nanoTime());
                }
            }
        }).sync();
        assertThat(path.stream().published()).isEqualTo(3);
        assertThat(path.counters().packetsInvalid()).isZero();
        assertThat(toStream.droppedUnits()).isZero();
        loop.submit(() -> {
            toStream.close();
            publisher.onEnded("test over");
        }).sync();
    }

    /** A padding-only RTP packet: the P bit, and 20 bytes of padding whose last byte says so. */
    private static ByteBuf padding(int sequence, long timestamp) {
        ByteBuf b = Unpooled.buffer(32);
        b.writeByte(0xa0).writeByte(108).writeShort(sequence).writeInt((int) timestamp).writeInt(0x1234);
        b.writeZero(19).writeByte(20);
        return b;
    }

    @Test
    void goesLiveAtTheFirstKeyframeWithItsParameterSetsAndSurvivesGarbage() throws Exception {
        Path path = paths.add("cam-id", "whip-cam", null, true);
        SourceListener publisher = path.acquirePublisher();
        WebRtcToStream toStream = new WebRtcToStream(publisher, path.counters(), loop);
        loop.submit(() -> {
            for (ByteBuf p : packets(false, 0)) {
                toStream.video(p, System.nanoTime());
            }
            assertThat(toStream.keyframeNeeded()).isTrue();
            assertThat(toStream.droppedUnits()).isEqualTo(1);
            for (ByteBuf p : packets(true, 3600)) {
                toStream.video(p, System.nanoTime());
            }
            for (ByteBuf p : packets(false, 7200)) {
                toStream.video(p, System.nanoTime());
            }
        }).sync();
        assertThat(toStream.live()).isTrue();
        assertThat(path.stream()).isNotNull();
        assertThat(((MediaFormat.H264) path.stream().formats().get(0)).sps()).isEqualTo(SPS);
        assertThat(path.stream().published()).isEqualTo(2);
        assertThat(path.counters().packetsInvalid()).isZero();
        assertThat(toStream.droppedUnits()).isEqualTo(1);

        Random random = new Random(6184);
        loop.submit(() -> {
            for (int i = 0; i < 5000; i++) {
                byte[] junk = new byte[12 + random.nextInt(1300)];
                random.nextBytes(junk);
                junk[0] = (byte) (0x80 | junk[0] & 0x3f);
                toStream.video(Unpooled.wrappedBuffer(junk), System.nanoTime());
            }
        }).sync();
        assertThat(path.stream().isClosed()).isFalse();
        assertThat(path.counters().packetsInvalid() + path.counters().packetsLost()).isPositive();
        loop.submit(() -> {
            toStream.close();
            publisher.onEnded("test over");
        }).sync();
        assertThat(path.stream()).isNull();
    }

    /** One access unit as RTP (the keyframe carries SPS and PPS in band, as a browser sends it). */
    private List<ByteBuf> packets(boolean keyframe, long timestamp) {
        List<ByteBuf> units = new ArrayList<>();
        if (keyframe) {
            units.add(Unpooled.wrappedBuffer(SPS));
            units.add(Unpooled.wrappedBuffer(PPS));
        }
        byte[] slice = new byte[3000];
        new Random(timestamp).nextBytes(slice);
        slice[0] = (byte) (keyframe ? 0x65 : 0x41);
        units.add(Unpooled.wrappedBuffer(slice));
        AccessUnit au = AccessUnit.of(0, Codec.H264, timestamp, timestamp, keyframe,
                units.toArray(new ByteBuf[0]), units.size(), System.nanoTime());
        List<ByteBuf> out = new ArrayList<>();
        packetizer.packetize(au, timestamp, ByteBufAllocator.DEFAULT,
                (header, payload) -> out.add(Unpooled.wrappedBuffer(header, payload)));
        au.release();
        return out;
    }
}
