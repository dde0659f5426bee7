package io.argus.sim;

import io.argus.media.stream.WallClock;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One timer for all the cameras on one event loop: every {@link #TICK_NANOS} it sends each camera's frames that
 * are due. A timer per camera woke the loop for every frame of every camera (25,000 times a second at 1,000
 * cameras); one per loop wakes it 100 times a second and sends the frames due in a batch, which also lets the
 * RTSP server's loops take them in batches.
 */
final class SimTicker implements AutoCloseable {
    /**
     * 10 ms: a frame leaves at most this late (a camera's encoder and network jitter are of this order), and the
     * capture time in its SEI is taken when it leaves, so latency measured downstream is not skewed by it.
     */
    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final EventLoop loop;
    private final List<SimCamera> cameras = new ArrayList<>();
    private ScheduledFuture<?> timer;

    SimTicker(EventLoop loop) {
        this.loop = loop;
    }

    EventLoop loop() {
        return loop;
    }

    /** Adds a camera before {@link #start()}. */
    void add(SimCamera camera) {
        cameras.add(camera);
    }

    void start() {
        timer = loop.scheduleAtFixedRate(this::tick, 0, TICK_NANOS, TimeUnit.NANOSECONDS);
    }

    private void tick() {
        long now = System.nanoTime();
        long micros = WallClock.micros();
        for (SimCamera c : cameras) {
            c.sendDue(now, micros);
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
