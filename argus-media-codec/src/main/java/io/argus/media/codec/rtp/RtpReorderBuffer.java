package io.argus.media.codec.rtp;

import io.netty.buffer.ByteBuf;

/**
 * A ring of packets waiting for earlier sequence numbers, indexed by extended sequence number modulo the
 * capacity. Preallocated; holding and taking packets allocates nothing.
 */
final class RtpReorderBuffer {

    private final ByteBuf[] packets;
    private final long[] nanos;
    private int size;

    RtpReorderBuffer(int capacity) {
        packets = new ByteBuf[capacity];
        nanos = new long[capacity];
    }

    int capacity() {
        return packets.length;
    }

    boolean isEmpty() {
        return size == 0;
    }

    boolean contains(long seq) {
        return packets[slot(seq)] != null;
    }

    /** <b>Takes ownership</b> of {@code packet}. The caller guarantees the slot is free. */
    void put(long seq, ByteBuf packet, long receivedNanos) {
        int s = slot(seq);
        packets[s] = packet;
        nanos[s] = receivedNanos;
        size++;
    }

    /** The packet for {@code seq}, or null; the caller takes ownership. Read {@link #nanos} first. */
    ByteBuf take(long seq) {
        int s = slot(seq);
        ByteBuf p = packets[s];
        if (p != null) {
            packets[s] = null;
            size--;
        }
        return p;
    }

    long nanos(long seq) {
        return nanos[slot(seq)];
    }

    void clear() {
        for (int i = 0; i < packets.length; i++) {
            if (packets[i] != null) {
                packets[i].release();
                packets[i] = null;
            }
        }
        size = 0;
    }

    private int slot(long seq) {
        return (int) Math.floorMod(seq, (long) packets.length);
    }
}
