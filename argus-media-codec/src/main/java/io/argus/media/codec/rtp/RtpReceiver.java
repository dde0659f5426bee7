package io.argus.media.codec.rtp;

import io.argus.media.codec.AccessUnitSink;
import io.netty.buffer.ByteBuf;

/**
 * The receiving side of one RTP track, in front of its {@link RtpDepacketizer}: validates packets, detects
 * sequence gaps (RFC 3550 §A.1), reorders within a small window (UDP), unwraps 32-bit timestamps to a
 * monotonic 64-bit timeline, and counts everything.
 *
 * <p>Sequence numbers are extended to 64 bits by their signed 16-bit distance from the next expected one. A
 * packet within {@link #MAX_MISORDER} behind is late (dropped; a duplicate if it was already delivered); one
 * more than {@link #MAX_DROPOUT} ahead or further behind is held on probation and, as in §A.1, taken as a sender
 * restart when the next packet follows it, else dropped as invalid. A new SSRC resynchronizes at once. On a
 * resync the depacketizer is {@linkplain RtpDepacketizer#reset() reset}, so it drops partial units, and the
 * timeline continues.
 *
 * <p>With a reorder window of {@code n} packets, a packet ahead of a gap waits in a preallocated ring until the
 * gap fills or until a packet {@code n} or more ahead arrives, which declares the oldest gaps lost. The layer
 * has no clock: a caller that wants a time bound calls {@link #flush} from its own timer. With a window of 0
 * (TCP interleaved), gaps are declared at once.
 *
 * <p>Single-threaded. Allocates nothing per packet in the in-order case; never throws on any input.
 */
public final class RtpReceiver implements AutoCloseable {

    /** RFC 3550 §A.1: a forward jump larger than this is a sender restart or garbage, not loss. */
    public static final int MAX_DROPOUT = 3000;
    /** RFC 3550 §A.1: a packet further behind than this is a sender restart or garbage, not a late packet. */
    public static final int MAX_MISORDER = 100;
    /** Largest reorder window: UDP reordering spans a few packets; 1024 is seconds of video at any bit rate. */
    public static final int MAX_REORDER_WINDOW = 1024;
    /** A good window for UDP: covers the reordering of multipath networks at a few frames' latency. */
    public static final int DEFAULT_UDP_REORDER_WINDOW = 32;
    /** A timestamp jump after a resync larger than this many seconds is a new sender clock. */
    private static final int MAX_CONTINUOUS_JUMP_SECONDS = 10;
    /** Offset that keeps extended sequence numbers positive even for packets from before the first one. */
    private static final long SEQUENCE_BASE = 1L << 32;

    private final RtpDepacketizer depacketizer;
    private final RtpReorderBuffer window;
    private final RtpTimestampUnwrapper timestamps;
    private final RtpPacket view = new RtpPacket();
    private ByteBuf parsed;
    private boolean started;
    private long ssrc;
    private long nextSeq;
    private long highestSeq;
    private long history;
    private boolean lossPending;
    private ByteBuf probation;
    private int probationSeq;
    private long probationNanos;
    private final RtpReceiverCounters counters = new RtpReceiverCounters();

    /**
     * @param depacketizer  owned from now on: closed with this receiver
     * @param reorderWindow packets to wait for a missing one: 0 for TCP, {@link #DEFAULT_UDP_REORDER_WINDOW}
     *                      for UDP, at most {@link #MAX_REORDER_WINDOW}
     */
    public RtpReceiver(RtpDepacketizer depacketizer, int reorderWindow) {
        if (reorderWindow < 0 || reorderWindow > MAX_REORDER_WINDOW) {
            throw new IllegalArgumentException("reorder window must be 0.." + MAX_REORDER_WINDOW + ": "
                    + reorderWindow);
        }
        this.depacketizer = depacketizer;
        this.window = reorderWindow == 0 ? null : new RtpReorderBuffer(reorderWindow);
        this.timestamps = new RtpTimestampUnwrapper((long) MAX_CONTINUOUS_JUMP_SECONDS
                * depacketizer.format().clockRate());
    }

    /**
     * <b>Takes ownership</b> of {@code packet} (one whole RTP packet). Access units completed by it (or by
     * packets it releases from the reorder window) go to {@code sink}.
     */
    public void receive(ByteBuf packet, long receivedNanos, AccessUnitSink sink) {
        if (!view.parse(packet)) {
            counters.invalid++;
            packet.release();
            return;
        }
        parsed = packet;
        counters.received++;
        counters.bytes += packet.readableBytes();
        int seq16 = view.sequence();
        long packetSsrc = view.ssrc();
        if (!started || packetSsrc != ssrc) {
            if (started) {
                flush(sink);
                dropProbation();
                restartStream();
            }
            started = true;
            ssrc = packetSsrc;
            restart(seq16);
        }
        int diff = (short) (seq16 - (int) (nextSeq & 0xffff));
        if (diff < -MAX_MISORDER || diff > MAX_DROPOUT) {
            onJump(packet, seq16, receivedNanos, sink);
            return;
        }
        dropProbation();
        accept(packet, nextSeq + diff, receivedNanos, sink);
    }

    private void accept(ByteBuf packet, long seq, long receivedNanos, AccessUnitSink sink) {
        if (seq < nextSeq) {
            late(packet, seq);
        } else if (window == null || (seq == nextSeq && window.isEmpty())) {
            skipTo(seq);
            highestSeq = Math.max(highestSeq, seq);
            deliver(packet, receivedNanos, sink);
        } else {
            if (seq - nextSeq >= window.capacity()) {
                advance(seq - window.capacity() + 1, sink);
            }
            if (window.contains(seq)) {
                counters.duplicate++;
                packet.release();
                return;
            }
            if (seq < highestSeq) {
                counters.reordered++;
            } else {
                highestSeq = seq;
            }
            window.put(seq, packet, receivedNanos);
            drain(sink);
        }
    }

    /** A packet behind the next expected one: a duplicate if it was delivered, else too late to use. */
    private void late(ByteBuf packet, long seq) {
        long back = nextSeq - 1 - seq;
        if (back < Long.SIZE && ((history >>> back) & 1) != 0) {
            counters.duplicate++;
        } else {
            counters.late++;
        }
        packet.release();
    }

    /** RFC 3550 §A.1 probation: a jump is believed when the next packet continues from it. */
    private void onJump(ByteBuf packet, int seq16, long receivedNanos, AccessUnitSink sink) {
        if (probation != null && seq16 == ((probationSeq + 1) & 0xffff)) {
            ByteBuf first = probation;
            probation = null;
            flush(sink);
            restartStream();
            restart(probationSeq);
            accept(first, nextSeq, probationNanos, sink);
            accept(packet, nextSeq, receivedNanos, sink);
            return;
        }
        dropProbation();
        probation = packet;
        probationSeq = seq16;
        probationNanos = receivedNanos;
    }

    /** The sender restarted: partial units will never complete; the timeline continues. */
    private void restartStream() {
        depacketizer.reset();
        timestamps.resync();
        lossPending = false;
    }

    private void dropProbation() {
        if (probation != null) {
            probation.release();
            probation = null;
            counters.invalid++;
        }
    }

    private void restart(int seq16) {
        nextSeq = SEQUENCE_BASE + seq16;
        highestSeq = nextSeq - 1;
        history = 0;
    }

    /** Declares the sequence numbers before {@code seq} lost. */
    private void skipTo(long seq) {
        long k = seq - nextSeq;
        if (k > 0) {
            counters.lost += k;
            history = k >= Long.SIZE ? 0 : history << k;
            nextSeq = seq;
            lossPending = true;
        }
    }

    /** Delivers or declares lost every position before {@code target}. */
    private void advance(long target, AccessUnitSink sink) {
        while (nextSeq < target) {
            if (window.isEmpty()) {
                skipTo(target);
                return;
            }
            long nanos = window.nanos(nextSeq);
            ByteBuf p = window.take(nextSeq);
            if (p != null) {
                deliver(p, nanos, sink);
            } else {
                skipTo(nextSeq + 1);
            }
        }
    }

    private void drain(AccessUnitSink sink) {
        while (!window.isEmpty()) {
            long nanos = window.nanos(nextSeq);
            ByteBuf p = window.take(nextSeq);
            if (p == null) {
                return;
            }
            deliver(p, nanos, sink);
        }
    }

    /** Hands the packet at {@code nextSeq} to the depacketizer and releases it. */
    private void deliver(ByteBuf packet, long receivedNanos, AccessUnitSink sink) {
        try {
            if (packet != parsed) {
                view.parse(packet);
                parsed = packet;
            }
            long ts = timestamps.unwrap(view.timestamp());
            boolean loss = lossPending;
            lossPending = false;
            history = (history << 1) | 1;
            nextSeq++;
            depacketizer.receive(view, ts, loss, receivedNanos, sink);
        } finally {
            parsed = null;
            packet.release();
        }
    }

    /**
     * Delivers every packet waiting in the reorder window, declaring the gaps between them lost. For a caller's
     * timer (a missing packet is not coming after a few frame intervals) and for the end of a stream.
     */
    public void flush(AccessUnitSink sink) {
        if (window != null) {
            while (!window.isEmpty()) {
                advance(nextSeq + 1, sink);
            }
        }
    }

    public RtpDepacketizer depacketizer() {
        return depacketizer;
    }

    /** Valid RTP packets received (including duplicates, late ones and those on probation). */
    public long packetsReceived() {
        return counters.received;
    }

    /** Bytes of the valid RTP packets received, headers included. */
    public long bytesReceived() {
        return counters.bytes;
    }

    /** Sequence numbers declared lost (never delivered). A packet arriving after that counts as late too. */
    public long packetsLost() {
        return counters.lost;
    }

    /** Packets that arrived after a higher sequence number and were put back in order. */
    public long packetsReordered() {
        return counters.reordered;
    }

    /** Packets that were not RTP, and packets dropped as an unconfirmed sequence jump. */
    public long packetsInvalid() {
        return counters.invalid;
    }

    /** Packets whose sequence number was already delivered or waiting. */
    public long packetsDuplicate() {
        return counters.duplicate;
    }

    /** Packets that arrived after their sequence number had been declared lost. */
    public long packetsLate() {
        return counters.late;
    }

    /** Releases every held packet and closes the depacketizer. */
    @Override
    public void close() {
        if (window != null) {
            window.clear();
        }
        if (probation != null) {
            probation.release();
            probation = null;
        }
        depacketizer.close();
    }
}
