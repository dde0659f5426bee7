package io.argus.media.stream;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import io.netty.util.internal.PlatformDependent;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An executor for readers that want throughput, not latency (the recorder): tasks wait in a queue and run together
 * every {@code period} on one event loop's thread.
 *
 * <p>A reader drained on an ordinary event loop costs a thread wake-up per access unit (a futex call on the writer's
 * side and one on the loop's): at 25 fps and a thousand cameras that is 25,000 wake-ups a second, about as much CPU
 * as writing the video to disk. Batched, the writer only appends to the reader's ring, and the loop wakes once a
 * period for all its readers. The reader's queue must hold a period of units.
 */
public final class BatchingExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(BatchingExecutor.class);

    private final EventExecutor loop;
    private final Queue<Runnable> tasks = PlatformDependent.newMpscQueue();

    /**
     * @param loop a single-threaded loop; tasks queued when it shuts down still run, in its shutdown hook
     */
    public BatchingExecutor(SingleThreadEventExecutor loop, Duration period) {
        this.loop = loop;
        long nanos = period.toNanos();
        loop.scheduleAtFixedRate(this::runQueued, nanos, nanos, TimeUnit.NANOSECONDS);
        loop.addShutdownHook(this::runQueued);
    }

    /** Queues {@code task} for the next batch; refused once the loop is shutting down. Any thread. */
    @Override
    public void execute(Runnable task) {
        if (loop.isShuttingDown()) {
            throw new RejectedExecutionException("the event loop is shutting down");
        }
        tasks.offer(task);
    }

    /** Runs what was queued when the batch started; tasks queued meanwhile wait for the next one. */
    private void runQueued() {
        for (int n = tasks.size(); n > 0; n--) {
            Runnable task = tasks.poll();
            if (task == null) {
                return;
            }
            try {
                task.run();
            } catch (Throwable e) {
                // Anything escaping would end the loop's thread (a DefaultEventLoop runs tasks bare), and with it
                // every camera on it; one failed drain (even out of direct memory) must not stop the others.
                LOG.error("a batched task failed", e);
            }
        }
    }
}
