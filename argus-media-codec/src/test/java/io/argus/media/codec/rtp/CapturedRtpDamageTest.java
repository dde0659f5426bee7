package io.argus.media.codec.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.testing.CaptureRun;
import io.argus.media.codec.testing.Captures;
import io.argus.media.codec.testing.Collected;
import io.argus.media.codec.testing.NalAssert;
import io.argus.media.codec.testing.Packets;
import io.argus.testkit.RtpCapture;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The real captures, damaged the ways networks and cameras damage streams: loss, reordering, duplicates,
 * timestamp and sequence wrap, a sender restart. Whatever comes out must be whole, exact access units at the
 * right time, and every buffer must be released.
 */
class CapturedRtpDamageTest {

    @ParameterizedTest
    @EnumSource(RtpCapture.class)
    void lossDropsOnlyDamagedUnitsAndCountsIt(RtpCapture capture) {
        List<byte[]> all = capture.packets();
        List<byte[]> kept = new ArrayList<>();
        int removed = 0;
        for (int i = 0; i < all.size(); i++) {
            boolean drop = i > 0 && i < all.size() - 1 && (i % 23 == 11 || (i >= all.size() / 2 && i < all.size() / 2 + 4));
            if (drop) {
                removed++;
            } else {
                kept.add(all.get(i));
            }
        }
        RtpDepacketizer d = Captures.depacketizer(capture);
        CaptureRun run = CaptureRun.run(d, 0, kept);
        try {
            assertThat(run.receiver().packetsLost()).isEqualTo(removed);
            if (capture != RtpCapture.AAC_48K_FFMPEG) {
                assertThat(d.droppedUnits()).as("partial units dropped").isPositive();
            }
            assertThat(run.out().units.size()).isLessThan(capture.frames()).isGreaterThan(0);
            assertAllExact(capture, run.out());
        } finally {
            run.release();
        }
    }

    @ParameterizedTest
    @EnumSource(RtpCapture.class)
    void reorderingWithinTheWindowIsUndone(RtpCapture capture) {
        List<byte[]> packets = new ArrayList<>(capture.packets());
        Random random = new Random(42);
        // the first packet to arrive starts the sequence (RFC 3550 A.1), so the first block stays in order
        for (int i = 8; i + 8 <= packets.size(); i += 8) {
            Collections.shuffle(packets.subList(i, i + 8), random);
        }
        RtpDepacketizer d = Captures.depacketizer(capture);
        CaptureRun run = CaptureRun.run(d, RtpReceiver.DEFAULT_UDP_REORDER_WINDOW, packets);
        try {
            assertThat(run.receiver().packetsReordered()).isPositive();
            assertThat(run.receiver().packetsLost()).isZero();
            assertThat(run.out().units).hasSize(capture.frames());
            assertAllExact(capture, run.out());
        } finally {
            run.release();
        }
    }

    @ParameterizedTest
    @EnumSource(RtpCapture.class)
    void duplicatesAreDroppedAndCounted(RtpCapture capture) {
        List<byte[]> all = capture.packets();
        List<byte[]> packets = new ArrayList<>();
        int dups = 0;
        for (int i = 0; i < all.size(); i++) {
            packets.add(all.get(i));
            if (i % 10 == 3) {
                packets.add(all.get(i));
                dups++;
            }
            if (i % 10 == 7 && i >= 5) {
                packets.add(all.get(i - 5));
                dups++;
            }
        }
        for (int window : new int[] {0, 16}) {
            RtpDepacketizer d = Captures.depacketizer(capture);
            CaptureRun run = CaptureRun.run(d, window, packets);
            try {
                assertThat(run.receiver().packetsDuplicate()).isEqualTo(dups);
                assertThat(run.out().units).hasSize(capture.frames());
                assertAllExact(capture, run.out());
            } finally {
                run.release();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(RtpCapture.class)
    void timestampAndSequenceWrapAreUnwrapped(RtpCapture capture) {
        long step = Captures.step(capture);
        List<byte[]> packets = Packets.renumber(capture.packets(), 65_536 - 37, (1L << 32) - 20 * step, 0xcafe);
        RtpDepacketizer d = Captures.depacketizer(capture);
        CaptureRun run = CaptureRun.run(d, RtpReceiver.DEFAULT_UDP_REORDER_WINDOW, packets);
        try {
            assertThat(run.out().units).hasSize(capture.frames());
            assertAllExact(capture, run.out());
            assertThat(run.receiver().packetsLost()).isZero();
        } finally {
            run.release();
        }
    }

    @ParameterizedTest
    @EnumSource(RtpCapture.class)
    void senderRestartWithNewSsrcContinuesTheTimeline(RtpCapture capture) {
        List<byte[]> all = capture.packets();
        int cut = all.size() / 2;
        while (Packets.timestamp(all.get(cut)) == Packets.timestamp(all.get(cut - 1))) {
            cut++;
        }
        List<byte[]> packets = new ArrayList<>(all.subList(0, cut));
        packets.addAll(Packets.renumber(all.subList(cut, all.size()), 12_345, 3_000_000_000L, 0xbeef));
        RtpDepacketizer d = Captures.depacketizer(capture);
        CaptureRun run = CaptureRun.run(d, RtpReceiver.DEFAULT_UDP_REORDER_WINDOW, packets);
        try {
            List<AccessUnit> aus = run.out().units;
            assertThat(aus).hasSize(capture.frames());
            for (int i = 1; i < aus.size(); i++) {
                assertThat(aus.get(i).pts()).as("pts %d", i).isGreaterThan(aus.get(i - 1).pts());
            }
            List<List<byte[]>> expected = Captures.expected(capture);
            for (int i = 0; i < aus.size(); i++) {
                NalAssert.assertSameBytes(Collected.nals(aus.get(i)), expected.get(i));
            }
            assertThat(run.receiver().packetsLost()).isZero();
        } finally {
            run.release();
        }
    }

    /** Every access unit is exactly the source's unit for its timestamp: never partial, never shifted. */
    private static void assertAllExact(RtpCapture capture, Collected out) {
        List<List<byte[]>> expected = Captures.expected(capture);
        long step = Captures.step(capture);
        long last = -1;
        for (AccessUnit au : out.units) {
            assertThat(au.pts() % step).as("pts %d on the frame grid", au.pts()).isZero();
            int index = (int) (au.pts() / step);
            assertThat(index).isGreaterThan((int) last);
            last = index;
            NalAssert.assertSameBytes(Collected.nals(au), expected.get(index));
        }
    }
}
