package io.argus.analytics.detect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batches frames across cameras into one detector call: a batch goes when it holds {@code maxBatch} frames or when
 * its first frame has waited {@code maxWait}, whichever comes first. One thread calls the backend, so inferences do
 * not compete for the cores with each other (the backend parallelises each one). The queue is bounded: when the
 * detector cannot keep up, {@link #submit} refuses frames at once instead of letting latency grow without bound.
 */
public final class DetectionBatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DetectionBatcher.class);

    /**
     * @param maxBatch frames per detector call
     * @param maxWait the longest a frame waits for others to fill its batch (latency traded for throughput)
     * @param maxQueued frames waiting at most; beyond, frames are refused (a sampled frame is worth little late)
     */
    public record Config(int maxBatch, Duration maxWait, int maxQueued) {
        public Config {
            if (maxBatch < 1 || maxQueued < maxBatch || maxWait.isNegative()) {
                throw new IllegalArgumentException("maxBatch >= 1, maxQueued >= maxBatch, maxWait >= 0");
            }
        }
    }

    /** Counters since start. */
    public record Stats(long frames, long batches, long refused, long failed) {
        public double meanBatch() {
            return batches == 0 ? 0 : (double) (frames - refused) / batches;
        }
    }

    private record Pending(Frame frame, long enqueuedNanos, CompletableFuture<List<Detection>> result) {
    }

    private final DetectorBackend backend;
    private final Config config;
    private final BlockingQueue<Pending> queue;
    private final Thread worker;
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean closed;
    private long lastWarnNanos = System.nanoTime() - TimeUnit.SECONDS.toNanos(2);

    public DetectionBatcher(DetectorBackend backend, Config config) {
        this.backend = backend;
        this.config = config;
        this.queue = new ArrayBlockingQueue<>(config.maxQueued());
        this.worker = Thread.ofPlatform().name("argus-detect-" + backend.name()).daemon().start(this::run);
    }

    /**
     * Queues a frame for detection.
     *
     * @return its detections; failed with {@link RejectedExecutionException} when the queue is full or the batcher
     *     closed, or with {@link DetectorException} when the backend failed
     */
    public CompletableFuture<List<Detection>> submit(Frame frame) {
        frames.incrementAndGet();
        Pending p = new Pending(frame, System.nanoTime(), new CompletableFuture<>());
        if (closed || !queue.offer(p)) {
            refused.incrementAndGet();
            p.result().completeExceptionally(new RejectedExecutionException(closed ? "detector closed"
                    : "detector queue full (" + config.maxQueued() + " frames)"));
        }
        return p.result();
    }

    public Stats stats() {
        return new Stats(frames.get(), batches.get(), refused.get(), failed.get());
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(config.maxBatch());
        try {
            while (!closed) {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long deadline = first.enqueuedNanos() + config.maxWait().toNanos();
                while (batch.size() < config.maxBatch()) {
                    Pending next = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                detect(batch);
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            RejectedExecutionException closing = new RejectedExecutionException("detector closed");
            batch.forEach(p -> p.result().completeExceptionally(closing));
            queue.forEach(p -> p.result().completeExceptionally(closing));
        }
    }

    private void detect(List<Pending> batch) {
        batches.incrementAndGet();
        List<Frame> input = batch.stream().map(Pending::frame).toList();
        try {
            List<List<Detection>> result = backend.detect(input);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(result.get(i));
            }
        } catch (DetectorException | RuntimeException e) {
            long total = failed.addAndGet(batch.size());
            long now = System.nanoTime();
            // At most one line a second: a broken backend fails every batch.
            if (now - lastWarnNanos > TimeUnit.SECONDS.toNanos(1)) {
                lastWarnNanos = now;
                log.warn("{}: detection failed ({} frames failed so far): {}", backend.name(), total, e.getMessage());
            }
            batch.forEach(p -> p.result().completeExceptionally(e));
        }
    }

    /** Stops the worker (waiting for the batch in flight); frames still queued fail. Does not close the backend. */
    @Override
    public void close() {
        closed = true;
        worker.interrupt();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
