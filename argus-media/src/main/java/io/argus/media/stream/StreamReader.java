package io.argus.media.stream;

import io.argus.media.codec.AccessUnit;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One reader of a {@link Stream}: a bounded queue filled by the stream's writer thread and drained on the
 * reader's own executor into its {@link StreamConsumer}.
 *
 * <p>A slow reader never stalls the source or other readers: when its queue is full, the unit is dropped and
 * the reader skips everything up to the next keyframe (so the decoder never sees a broken reference chain);
 * every skipped unit is counted in {@link #dropped()}.
 */
public final class StreamReader implements AutoCloseable {
    /**
     * Units one drain hands over before it gives the reader's thread back (and queues itself again): a consumer
     * slower than its camera would otherwise keep the thread for as long as the camera sends, and every other task
     * of that thread (other readers, settings, closing the node) would wait behind it.
     */
    static final int MAX_BATCH = 64;

    private final Stream stream;
    private final StreamConsumer consumer;
    private final Executor executor;
    private final AccessUnitRing ring;
    private final AtomicInteger wip = new AtomicInteger();
    private final Runnable drainTask = this::drain;
    private volatile boolean closed;
    private volatile boolean removed;
    private boolean closeDelivered;
    /** Written by the stream's writer thread only. */
    private boolean skipping;
    /** Writer thread only: attached with no cached GOP to start from, so it waits for the next one. */
    private boolean awaitingGop;
    private volatile long delivered;
    private volatile long dropped;

    StreamReader(Stream stream, StreamConsumer consumer, Executor executor, int queueCapacity) {
        this.stream = stream;
        this.consumer = consumer;
        this.executor = executor;
        this.ring = new AccessUnitRing(queueCapacity);
    }

    /** Writer thread only. <b>Borrows</b> {@code au}: retains it once if it is queued. */
    void offer(AccessUnit au, boolean startsGop) {
        if (closed) {
            return;
        }
        if (awaitingGop) {
            if (!startsGop) {
                return;
            }
            awaitingGop = false;
        }
        if (skipping && !startsGop) {
            dropped++;
            return;
        }
        au.retain();
        if (!ring.offer(au)) {
            au.release();
            skipping = true;
            dropped++;
            stream.noteDrop(this);
            schedule();
            return;
        }
        skipping = false;
        schedule();
    }

    /**
     * Writer thread only: the reader starts at the next unit that starts a GOP, because the stream has none
     * cached (no keyframe yet, or the GOP outgrew the cache). What it skips until then is not counted as
     * dropped: it never had it.
     */
    void startAtNextGop() {
        awaitingGop = true;
    }

    /** Writer thread only: the reader was removed from the stream; release what is left on the reader's side. */
    void detached() {
        closed = true;
        removed = true;
        schedule();
    }

    /** Asks for draining again after {@link StreamConsumer#isReady()} returned false. Any thread. */
    public void resume() {
        schedule();
    }

    private void schedule() {
        if (wip.getAndIncrement() == 0) {
            try {
                executor.execute(drainTask);
            } catch (RejectedExecutionException e) {
                // The reader's executor shut down first (a server stopping before its paths): nothing will drain
                // this reader again, so release what it holds here.
                closed = true;
                releaseQueued();
            }
        }
    }

    private void drain() {
        int missed = 1;
        for (;;) {
            if (closed) {
                releaseQueued();
                if (!closeDelivered && removed) {
                    closeDelivered = true;
                    consumer.onClose();
                }
            } else {
                int batch = 0;
                while (!closed && consumer.isReady()) {
                    if (batch == MAX_BATCH && ring.size() > 0) {
                        // wip stays above zero, so no other drain starts before this one runs again.
                        requeue();
                        return;
                    }
                    AccessUnit au = ring.poll();
                    if (au == null) {
                        break;
                    }
                    batch++;
                    delivered++;
                    consumer.onAccessUnit(au);
                }
            }
            missed = wip.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }

    private void requeue() {
        try {
            executor.execute(drainTask);
        } catch (RejectedExecutionException e) {
            closed = true;
            releaseQueued();
        }
    }

    private void releaseQueued() {
        for (AccessUnit au = ring.poll(); au != null; au = ring.poll()) {
            au.release();
        }
    }

    /** Detaches this reader. Queued units are released on the reader's executor; then onClose is called. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            stream.detach(this);
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /** Units handed to the consumer. */
    public long delivered() {
        return delivered;
    }

    /** Units this reader skipped because it was too slow. */
    public long dropped() {
        return dropped;
    }

    /** Units waiting in this reader's queue. */
    public int queued() {
        return ring.size();
    }

    public int capacity() {
        return ring.capacity();
    }

    public Stream stream() {
        return stream;
    }
}
