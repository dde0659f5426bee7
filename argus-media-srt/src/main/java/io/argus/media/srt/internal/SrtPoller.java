package io.argus.media.srt.internal;

import com.sun.jna.Memory;
import com.sun.jna.ptr.IntByReference;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that waits on a libsrt epoll for every socket registered with it and runs their handlers, and that is
 * also an {@link Executor}: the writer thread of the streams its sockets feed, so reading, demuxing and publishing a
 * connection's media happen on one thread with no hand-off and no lock, and a connection costs no thread of its
 * own. Tasks run between waits; a wait lasts at most {@link #WAIT_MILLIS}, which bounds a task's delay. With no
 * socket registered and no task due (a node that pulls no SRT camera) the thread sleeps until a task comes instead
 * of polling an empty epoll: issue 16's 20-camera profile found that idle poll at 7 % of the server's CPU.
 */
public final class SrtPoller implements Executor, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SrtPoller.class);

    /**
     * Longest wait for socket events before queued tasks run: 10 ms is below a frame at 60 fps and far below SRT's
     * 120 ms receive latency. Only while sockets are registered or tasks are timed: 100 wake-ups a second through JNA
     * cost 0.6 % of a core on the 2-core build machine.
     */
    static final long WAIT_MILLIS = 10;

    /** Events taken from libsrt per wait; more ready sockets are served by the next wait. */
    private static final int EVENTS = 64;

    /** What a registered socket does when libsrt says it is readable or broken; runs on the poller thread. */
    public interface Handler {
        void ready(int events);
    }

    private final LibSrt lib;
    private final int epoll;
    private final Thread thread;
    private final Map<Integer, Handler> handlers = new HashMap<>();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Tasks due later, by deadline in nanoseconds; poller thread only. */
    private final PriorityQueue<Timed> timed = new PriorityQueue<>(Comparator.comparingLong(Timed::due));
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;

    public SrtPoller(LibSrt lib, String name) throws SrtException {
        this.lib = lib;
        this.epoll = lib.srt_epoll_create();
        if (epoll < 0) {
            throw new SrtSockets(lib).error("srt_epoll_create");
        }
        lib.srt_epoll_set(epoll, LibSrt.SRT_EPOLL_ENABLE_EMPTY);
        thread = Thread.ofPlatform().name(name).daemon().unstarted(this::loop);
        thread.start();
    }

    /** Whether the caller runs on this poller's thread. */
    public boolean inPoller() {
        return Thread.currentThread() == thread;
    }

    /** Watches {@code socket} for input and errors. On the poller thread only. */
    public void register(int socket, Handler handler) throws SrtException {
        register(socket, LibSrt.SRT_EPOLL_IN | LibSrt.SRT_EPOLL_ERR, handler);
    }

    /** Watches {@code socket} for {@code mask} ({@code SRT_EPOLL_*}). On the poller thread only. */
    public void register(int socket, int mask, Handler handler) throws SrtException {
        IntByReference events = new IntByReference(mask);
        if (lib.srt_epoll_add_usock(epoll, socket, events) == LibSrt.SRT_ERROR) {
            throw new SrtSockets(lib).error("srt_epoll_add_usock");
        }
        handlers.put(socket, handler);
    }

    /** Stops watching {@code socket} (before it is closed). On the poller thread only. */
    public void unregister(int socket) {
        if (handlers.remove(socket) != null) {
            lib.srt_epoll_remove_usock(epoll, socket);
        }
    }

    /**
     * Runs {@code task} on the poller. Once the poller has stopped, on the caller's thread: what comes then is the
     * teardown of streams the poller fed (a reader detaching), which nothing else touches any more.
     */
    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (stopped.getCount() == 0) {
            drain();
        } else {
            LockSupport.unpark(thread);
        }
    }

    private void drain() {
        for (Runnable t; (t = tasks.poll()) != null; ) {
            run(t);
        }
    }

    private record Timed(long due, Runnable task) {
    }

    /** Runs {@code task} on the poller after {@code delay} (give or take {@link #WAIT_MILLIS}). */
    public void schedule(Runnable task, long delay, TimeUnit unit) {
        long due = System.nanoTime() + unit.toNanos(delay);
        execute(() -> timed.add(new Timed(due, task)));
    }

    private void loop() {
        Memory ready = new Memory(8L * EVENTS);
        try {
            while (running) {
                if (handlers.isEmpty() && timed.isEmpty() && tasks.isEmpty()) {
                    // execute() and close() unpark after their change, so none is missed between check and park.
                    LockSupport.park(this);
                    continue;
                }
                int n = lib.srt_epoll_uwait(epoll, ready, EVENTS, WAIT_MILLIS);
                for (int i = 0; i < n; i++) {
                    Handler h = handlers.get(ready.getInt(8L * i));
                    int events = ready.getInt(8L * i + 4);
                    if (h != null) {
                        run(() -> h.ready(events));
                    }
                }
                drain();
                long now = System.nanoTime();
                while (!timed.isEmpty() && timed.peek().due() - now <= 0) {
                    run(timed.poll().task());
                }
            }
        } finally {
            lib.srt_epoll_release(epoll);
            stopped.countDown();
            drain();
        }
    }

    /** A handler's or task's failure ends neither the poller nor the other sockets' streams. */
    private static void run(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.error("SRT poller task failed", e);
        }
    }

    /** Stops after running the tasks queued so far (close tasks among them); waits up to 2 s. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        if (!inPoller()) {
            try {
                stopped.await(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
