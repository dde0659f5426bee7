package io.argus.media.stream;

import io.argus.media.codec.AccessUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Bounded single-producer single-consumer ring of access units (Lamport's queue with ordered stores). Holds the
 * references it is given: {@link #offer} takes ownership on success, {@link #poll} hands it back.
 */
final class AccessUnitRing {
    private final AtomicReferenceArray<AccessUnit> slots;
    private final int mask;
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong tail = new AtomicLong();

    AccessUnitRing(int capacity) {
        if (capacity < 2 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two >= 2: " + capacity);
        }
        slots = new AtomicReferenceArray<>(capacity);
        mask = capacity - 1;
    }

    /** Producer only. <b>Takes ownership</b> of {@code au} when it returns true. */
    boolean offer(AccessUnit au) {
        long t = tail.getPlain();
        if (t - head.getAcquire() > mask) {
            return false;
        }
        slots.setPlain((int) t & mask, au);
        tail.setRelease(t + 1);
        return true;
    }

    /** Consumer only. Returns the oldest unit (ownership passes to the caller) or null. */
    AccessUnit poll() {
        long h = head.getPlain();
        if (h >= tail.getAcquire()) {
            return null;
        }
        int i = (int) h & mask;
        AccessUnit au = slots.getPlain(i);
        slots.setPlain(i, null);
        head.setRelease(h + 1);
        return au;
    }

    int size() {
        return (int) (tail.getAcquire() - head.getAcquire());
    }

    int capacity() {
        return mask + 1;
    }
}
