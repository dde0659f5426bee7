package io.argus.media.codec.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.media.codec.AccessUnitSink;
import io.argus.media.codec.MediaFormat;
import io.argus.testkit.LeakCheck;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sequence tracking, reordering, timestamp unwrapping and counting, with a recording depacketizer. */
class RtpReceiverTest {

    /** Records what the receiver delivers: sequence, unwrapped timestamp, loss flag. */
    static final class Recording implements RtpDepacketizer {
        final List<long[]> seen = new ArrayList<>();
        int resets;

        @Override
        public void receive(RtpPacket packet, long timestamp, boolean lossBefore, long receivedNanos,
                            AccessUnitSink sink) {
            seen.add(new long[] {packet.sequence(), timestamp, lossBefore ? 1 : 0});
        }

        @Override
        public MediaFormat format() {
            return new MediaFormat.H264(null, null);
        }

        @Override
        public long corruptPackets() {
            return 0;
        }

        @Override
        public long droppedUnits() {
            return 0;
        }

        @Override
        public void reset() {
            resets++;
        }

        @Override
        public void close() {
        }

        List<Long> sequences() {
            return seen.stream().map(s -> s[0]).toList();
        }

        List<Long> timestamps() {
            return seen.stream().map(s -> s[1]).toList();
        }

        List<Long> losses() {
            return seen.stream().map(s -> s[2]).toList();
        }
    }

    private final List<ByteBuf> fed = new ArrayList<>();
    private final AccessUnitSink none = au -> {
        throw new AssertionError("no access units expected");
    };

    private ByteBuf packet(int seq, long ts, long ssrc) {
        ByteBuf b = PooledByteBufAllocator.DEFAULT.directBuffer(16);
        RtpPacket.writeHeader(b, false, 96, seq, ts, ssrc);
        b.writeInt(0x65000000);
        fed.add(b);
        return b;
    }

    private void feed(RtpReceiver r, int[] seqs, long ssrc) {
        for (int s : seqs) {
            r.receive(packet(s & 0xffff, 1000L * s, ssrc), 0, none);
        }
    }

    @Test
    void inOrderWithSequenceWrap() {
        Recording d = new Recording();
        RtpReceiver r = new RtpReceiver(d, 0);
        feed(r, new int[] {65534, 65535, 65536, 65537}, 1);
        r.close();
        assertThat(d.sequences()).containsExactly(65534L, 65535L, 0L, 1L);
        assertThat(d.timestamps()).containsExactly(0L, 1000L, 2000L, 3000L);
        assertThat(d.losses()).containsExactly(0L, 0L, 0L, 0L);
        assertThat(r.packetsLost()).isZero();
        assertThat(r.packetsReceived()).isEqualTo(4);
        assertThat(r.bytesReceived()).isEqualTo(4 * 16);
        LeakCheck.assertReleased(fed);
    }

    @Test
    void gapWithoutWindowIsLossAtOnceAndLatePacketIsDropped() {
        Recording d = new Recording();
        RtpReceiver r = new RtpReceiver(d, 0);
        feed(r, new int[] {10, 11, 14, 12, 15}, 1);
        r.close();
        assertThat(d.sequences()).containsExactly(10L, 11L, 14L, 15L);
        assertThat(d.losses()).containsExactly(0L, 0L, 1L, 0L);
        assertThat(r.packetsLost()).isEqualTo(2);
        assertThat(r.packetsLate()).isEqualTo(1);
        LeakCheck.assertReleased(fed);
    }

    @Test
    void windowPutsPacketsBackInOrder() {
        Recording d = new Recording();
        RtpReceiver r = new RtpReceiver(d, 4);
        feed(r, new int[] {1, 3, 4, 2, 5, 5, 3}, 1);
        r.close();
        assertThat(d.sequences()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(d.losses()).containsOnly(0L);
        assertThat(r.packetsReordered()).isEqualTo(1);
        assertThat(r.packetsDuplicate()).isEqualTo(2);
        assertThat(r.packetsLost()).isZero();
        LeakCheck.assertReleased(fed);
    }

    @Test
    void gapLongerThanTheWindowIsDeclaredLost() {
        Recording d = new Recording();
        RtpReceiver r = new RtpReceiver(d, 3);
        feed(r, new int[] {1, 3, 4}, 1);
        assertThat(d.sequences()).containsExactly(1L);
        feed(r, new int[] {5}, 1);
        assertThat(d.sequences()).containsExactly(1L, 3L, 4L, 5L);
        assertThat(d.losses()).containsExactly(0L, 1L, 0L, 0L);
        assertThat(r.packetsLost()).isEqualTo(1);
        feed(r, new int[] {7}, 1);
        r.flush(none);
        assertThat(d.sequences()).containsExactly(1L, 3L, 4L, 5L, 7L);
        assertThat(r.packetsLost()).isEqualTo(2);
        r.close();
        LeakCheck.assertReleased(fed);
    }

    @Test
    void closeReleasesWaitingPackets() {
        RtpReceiver r = new RtpReceiver(new Recording(), 8);
        feed(r, new int[] {1, 3, 4, 5}, 1);
        r.close();
        LeakCheck.assertReleased(fed);
    }

    @Test
    void largeJumpNeedsASecondPacketThenResyncs() {
        Recording d = new Recording();
        RtpReceiver r = new RtpReceiver(d, 0);
        feed(r, new int[] {100, 101, 40_000, 102, 50_000, 50_001, 50_002}, 1);
        r.close();
        assertThat(d.sequences()).containsExactly(100L, 101L, 102L, 50_000L, 50_001L, 50_002L);
        assertThat(r.packetsInvalid()).isEqualTo(1);
        assertThat(r.packetsLost()).isZero();
        assertThat(d.resets).isEqualTo(1);
        LeakCheck.assertReleased(fed);
    }

    @Test
    void newSsrcResyncsAndTheTimelineContinues() {
        Recording d = new Recording();
        RtpReceiver r = new RtpReceiver(d, 4);
        r.receive(packet(5, 90_000, 1), 0, none);
        r.receive(packet(6, 93_600, 1), 0, none);
        r.receive(packet(900, 4_000_000_000L, 2), 0, none);
        r.receive(packet(901, 4_000_003_600L, 2), 0, none);
        r.close();
        assertThat(d.timestamps()).containsExactly(0L, 3600L, 7200L, 10_800L);
        assertThat(d.resets).isEqualTo(1);
        assertThat(r.packetsLost()).isZero();
        LeakCheck.assertReleased(fed);
    }

    @Test
    void timestampWrapAndSmallStepsBackAreUnwrapped() {
        Recording d = new Recording();
        RtpReceiver r = new RtpReceiver(d, 0);
        long[] ts = {0xffff_f000L, 0xffff_ff00L, 0x100L, 0x80L, 0x1000L};
        for (int i = 0; i < ts.length; i++) {
            r.receive(packet(i, ts[i], 1), 0, none);
        }
        r.close();
        assertThat(d.timestamps()).containsExactly(0L, 0xf00L, 0x1100L, 0x1080L, 0x2000L);
        LeakCheck.assertReleased(fed);
    }

    @Test
    void invalidPacketsAreCountedAndReleased() {
        Recording d = new Recording();
        RtpReceiver r = new RtpReceiver(d, 4);
        ByteBuf shortOne = PooledByteBufAllocator.DEFAULT.directBuffer(4).writeInt(0x80000000);
        ByteBuf version1 = PooledByteBufAllocator.DEFAULT.directBuffer(12).writeZero(12);
        fed.add(shortOne);
        fed.add(version1);
        r.receive(shortOne, 0, none);
        r.receive(version1, 0, none);
        r.close();
        assertThat(r.packetsInvalid()).isEqualTo(2);
        assertThat(r.packetsReceived()).isZero();
        assertThat(d.seen).isEmpty();
        LeakCheck.assertReleased(fed);
    }
}
