package io.argus.media.codec.rtcp;

import io.netty.buffer.ByteBuf;

/**
 * What a receiver knows about one RTP source, for its receiver reports: the extended highest sequence number
 * and loss (RFC 3550 §A.1, §A.3), interarrival jitter (§A.8, the integer form scaled by 16), and the last sender
 * report with its arrival time (for LSR/DLSR and for mapping RTP time to wall-clock time).
 *
 * <p>It reads only the fixed RTP header, next to the depacketizing {@code RtpReceiver} (which keeps its own,
 * reordering view of the sequence), so it can sit in front of any receiver. Single-threaded; allocates nothing
 * per packet; arrival times are {@link System#nanoTime()} values passed in.
 */
public final class RtcpReceptionStatistics {

    /** §A.1: a forward jump larger than this is a restart (after one confirming packet), not loss. */
    public static final int MAX_DROPOUT = 3000;
    /** §A.1: a packet further behind than this is a restart, not a late packet. */
    public static final int MAX_MISORDER = 100;
    /** Bytes of the fixed RTP header (§5.1). */
    private static final int RTP_HEADER_LENGTH = 12;
    private static final int SEQ_MOD = 1 << 16;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** 24-bit signed range of the cumulative-lost field (§6.4.1). */
    private static final int MAX_LOST = 0x7fffff;
    private static final int MIN_LOST = -0x800000;

    private final int clockRate;
    private boolean started;
    private long ssrc;
    private int maxSeq;
    private long cycles;
    private int baseSeq;
    private int badSeq = -1;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    private long firstArrivalNanos;
    private int lastTransit;
    private boolean haveTransit;
    private long jitterScaled;
    private RtcpSenderReport lastSr;
    private long lastSrNanos;

    /** @param clockRate the track's RTP clock rate in Hz (jitter is in its units) */
    public RtcpReceptionStatistics(int clockRate) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate must be positive: " + clockRate);
        }
        this.clockRate = clockRate;
    }

    /**
     * One RTP packet as it arrived. <b>Borrows</b> {@code packet}; reads its fixed header without moving an
     * index. Packets too short for a header or not version 2 are ignored (the RTP receiver counts them).
     */
    public void onRtpPacket(ByteBuf packet, long arrivalNanos) {
        int at = packet.readerIndex();
        if (packet.readableBytes() < RTP_HEADER_LENGTH || packet.getUnsignedByte(at) >>> 6 != RtcpParser.VERSION) {
            return;
        }
        onRtp(packet.getUnsignedShort(at + 2), packet.getUnsignedInt(at + 4), packet.getUnsignedInt(at + 8),
                arrivalNanos);
    }

    /** One RTP packet's header fields as it arrived. */
    public void onRtp(int sequence, long rtpTimestamp, long packetSsrc, long arrivalNanos) {
        if (!started || packetSsrc != ssrc) {
            started = true;
            ssrc = packetSsrc;
            firstArrivalNanos = arrivalNanos;
            haveTransit = false;
            jitterScaled = 0;
            restart(sequence);
        } else if (!updateSequence(sequence)) {
            return;
        }
        received++;
        jitter(rtpTimestamp, arrivalNanos);
    }

    private void restart(int seq) {
        baseSeq = seq;
        maxSeq = seq;
        badSeq = -1;
        cycles = 0;
        received = 0;
        expectedPrior = 0;
        receivedPrior = 0;
    }

    /** §A.1 without the initial probation: false for a packet that is not counted (an unconfirmed jump). */
    private boolean updateSequence(int seq) {
        int delta = (seq - maxSeq) & (SEQ_MOD - 1);
        if (delta < MAX_DROPOUT) {
            if (seq < maxSeq) {
                cycles += SEQ_MOD;
            }
            maxSeq = seq;
        } else if (delta <= SEQ_MOD - MAX_MISORDER) {
            if (seq != badSeq) {
                badSeq = (seq + 1) & (SEQ_MOD - 1);
                return false;
            }
            restart(seq);
        }
        return true;
    }

    /** §A.8: J += (|D| - J) / 16, with arrival converted to the RTP clock and 32-bit wrapping transit times. */
    private void jitter(long rtpTimestamp, long arrivalNanos) {
        long elapsed = arrivalNanos - firstArrivalNanos;
        long arrival = elapsed / NANOS_PER_SECOND * clockRate + elapsed % NANOS_PER_SECOND * clockRate
                / NANOS_PER_SECOND;
        int transit = (int) (arrival - rtpTimestamp);
        if (haveTransit) {
            int d = Math.abs(transit - lastTransit);
            jitterScaled += d - ((jitterScaled + 8) >> 4);
        }
        lastTransit = transit;
        haveTransit = true;
    }

    /** An SR from this source (or from a source not seen yet), with its arrival time. */
    public void onSenderReport(RtcpSenderReport sr, long arrivalNanos) {
        lastSr = sr;
        lastSrNanos = arrivalNanos;
    }

    /** Whether any RTP packet arrived (a report block needs one). */
    public boolean started() {
        return started;
    }

    public long ssrc() {
        return ssrc;
    }

    /** The extended highest sequence number received: cycles of 2^16 in the upper bits (§A.1). */
    public long extendedHighestSequence() {
        return cycles + maxSeq;
    }

    /** Packets counted since the start (or the last restart of the source's sequence). */
    public long received() {
        return received;
    }

    /** §A.3: expected minus received, duplicates making it smaller; not clamped. */
    public long cumulativeLost() {
        return extendedHighestSequence() - baseSeq + 1 - received;
    }

    /** Interarrival jitter in RTP timestamp units. */
    public long jitter() {
        return jitterScaled >> 4;
    }

    /** The last SR received, or null. */
    public RtcpSenderReport lastSenderReport() {
        return lastSr;
    }

    /** {@link System#nanoTime()} when {@link #lastSenderReport()} arrived, 0 if none did. */
    public long lastSenderReportNanos() {
        return lastSrNanos;
    }

    /**
     * The report block for the next RR, and the start of the next reporting interval (the fraction lost counts
     * from here). Call only when {@link #started()}.
     */
    public RtcpReportBlock reportBlock(long nowNanos) {
        long expected = extendedHighestSequence() - baseSeq + 1;
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        int fraction = expectedInterval == 0 || lostInterval <= 0 ? 0 : (int) ((lostInterval << 8) / expectedInterval);
        int lost = (int) Math.max(MIN_LOST, Math.min(MAX_LOST, expected - received));
        long lsr = lastSr == null ? 0 : NtpTime.middle32(lastSr.ntpTimestamp());
        long dlsr = lastSr == null ? 0 : NtpTime.toDelayUnits(nowNanos - lastSrNanos);
        return new RtcpReportBlock(ssrc, Math.min(fraction, 255), lost, extendedHighestSequence() & 0xffffffffL,
                jitter(), lsr, dlsr);
    }
}
