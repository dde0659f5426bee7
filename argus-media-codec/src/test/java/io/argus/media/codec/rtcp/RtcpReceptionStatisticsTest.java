package io.argus.media.codec.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 3550 §A.1/§A.3/§A.8 arithmetic on hand-made arrival sequences (90 kHz, 25 fps, one packet a frame). */
class RtcpReceptionStatisticsTest {

    static final long FRAME_NANOS = 40_000_000L;
    static final long FRAME_TICKS = 3600;

    @Test
    void perfectArrivalHasNoLossAndNoJitter() {
        RtcpReceptionStatistics s = new RtcpReceptionStatistics(90_000);
        for (int i = 0; i < 100; i++) {
            s.onRtp((65_500 + i) & 0xffff, 1000 + i * FRAME_TICKS, 7, i * FRAME_NANOS);
        }
        RtcpReportBlock b = s.reportBlock(0);
        assertThat(b).isEqualTo(new RtcpReportBlock(7, 0, 0, 65_536 + 63, 0, 0, 0));
        assertThat(s.received()).isEqualTo(100);
    }

    @Test
    void lossIsCumulativeAndFractionIsPerInterval() {
        RtcpReceptionStatistics s = new RtcpReceptionStatistics(90_000);
        for (int i = 0; i < 100; i++) {
            if (i % 4 != 3) {
                s.onRtp(i, i * FRAME_TICKS, 7, i * FRAME_NANOS);
            }
        }
        RtcpReportBlock first = s.reportBlock(0);
        assertThat(first.cumulativeLost()).isEqualTo(24);
        assertThat(first.fractionLost()).isEqualTo(24 * 256 / 99);
        for (int i = 100; i < 200; i++) {
            s.onRtp(i, i * FRAME_TICKS, 7, i * FRAME_NANOS);
        }
        RtcpReportBlock second = s.reportBlock(0);
        assertThat(second.cumulativeLost()).as("99 now known lost too").isEqualTo(25);
        assertThat(second.fractionLost()).as("1 of 101 expected this interval").isEqualTo(256 / 101);
        assertThat(second.highestSequence()).isEqualTo(199);
    }

    @Test
    void jitterConvergesToTheArrivalDeviation() {
        RtcpReceptionStatistics s = new RtcpReceptionStatistics(90_000);
        for (int i = 0; i < 2000; i++) {
            long late = (i % 2) * 10_000_000L;
            s.onRtp(i, i * FRAME_TICKS, 7, i * FRAME_NANOS + late);
        }
        assertThat(s.jitter()).as("alternating 10 ms (900 ticks) late converges to |D| = 900").isBetween(880L, 900L);
    }

    @Test
    void lastSenderReportGivesLsrAndDlsr() {
        RtcpReceptionStatistics s = new RtcpReceptionStatistics(90_000);
        s.onRtp(1, 0, 7, 0);
        s.onSenderReport(new RtcpSenderReport(7, RtcpGolden.NTP, 0, 1, 100, List.of()), 1_000_000_000L);
        RtcpReportBlock b = s.reportBlock(2_500_000_000L);
        assertThat(b.lastSr()).isEqualTo(0xa2b34000L);
        assertThat(b.delaySinceLastSr()).isEqualTo(0x18000);
        assertThat(s.lastSenderReportNanos()).isEqualTo(1_000_000_000L);
    }

    @Test
    void aNewSsrcOrAConfirmedJumpRestartsAndGarbageHeadersAreIgnored() {
        RtcpReceptionStatistics s = new RtcpReceptionStatistics(90_000);
        ByteBuf rtp = Unpooled.wrappedBuffer(new byte[] {(byte) 0x80, 96, 0, 10, 0, 0, 0, 0, 0, 0, 0, 7});
        ByteBuf garbage = Unpooled.wrappedBuffer(new byte[] {0x40, 96, 0, 10, 0, 0, 0, 0, 0, 0, 0, 8});
        try {
            s.onRtpPacket(rtp, 0);
            s.onRtpPacket(garbage, 0);
            assertThat(s.ssrc()).isEqualTo(7);
            assertThat(rtp.readerIndex()).isZero();
            s.onRtp(20_000, 0, 7, 0);
            assertThat(s.extendedHighestSequence()).as("an unconfirmed jump is not counted").isEqualTo(10);
            s.onRtp(20_001, 0, 7, 0);
            assertThat(s.extendedHighestSequence()).isEqualTo(20_001);
            s.onRtp(5, 0, 9, 0);
            assertThat(s.ssrc()).isEqualTo(9);
            assertThat(s.received()).isEqualTo(1);
        } finally {
            rtp.release();
            garbage.release();
        }
    }
}
