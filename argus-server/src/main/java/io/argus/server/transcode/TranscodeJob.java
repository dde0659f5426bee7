package io.argus.server.transcode;

import io.argus.media.stream.Stream;
import io.argus.media.transcode.Hardware;
import io.argus.media.transcode.Rendition;
import io.argus.media.transcode.StreamTranscoder;
import io.argus.media.transcode.TranscodeException;
import io.netty.buffer.PooledByteBufAllocator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * One running transcode: a camera's stream in one rendition, on a worker thread of its own (so its CPU time is
 * that thread's, and a node's jobs are bounded by its threads), shared by its viewers. The service guards the
 * viewer count with its own lock.
 */
final class TranscodeJob implements StreamTranscoder.Listener {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final String camera;
    private final Rendition rendition;
    private final Stream source;
    private final Consumer<TranscodeJob> onEnded;
    private final ExecutorService worker;
    private final CompletableFuture<Stream> live = new CompletableFuture<>();
    private final long startedNanos = System.nanoTime();
    private volatile Thread thread;
    private volatile StreamTranscoder transcoder;
    private volatile long firstPictureNanos;
    private volatile boolean ended;
    private volatile String endReason;
    private volatile boolean stopping;
    private int viewers;
    private long idleSinceNanos = startedNanos;
    private long lastPictures;
    private long lastCpuNanos;
    private long lastSampleNanos = startedNanos;
    private volatile double fps;
    private volatile double cpu;

    TranscodeJob(String camera, Rendition rendition, Stream source, Consumer<TranscodeJob> onEnded) {
        this.camera = camera;
        this.rendition = rendition;
        this.source = source;
        this.onEnded = onEnded;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "argus-transcode-" + camera + "-" + rendition.name());
            t.setDaemon(true);
            thread = t;
            return t;
        });
    }

    /** @param writer the derived stream's writer */
    void start(Hardware hardware, Executor writer) throws TranscodeException {
        try {
            transcoder = StreamTranscoder.start(source, rendition, hardware, worker, writer,
                    PooledByteBufAllocator.DEFAULT, this);
        } catch (TranscodeException e) {
            worker.shutdown();
            ended = true;
            throw e;
        }
    }

    @Override
    public void live(Stream derived) {
        firstPictureNanos = System.nanoTime();
        live.complete(derived);
    }

    @Override
    public void ended(String reason) {
        endReason = reason;
        ended = true;
        live.completeExceptionally(new TranscodeException(reason));
        worker.shutdown();
        onEnded.accept(this);
    }

    /** Stops the transcode; its viewers' feeds end with the derived stream. A stopping job is never joined. */
    void stop() {
        stopping = true;
        StreamTranscoder t = transcoder;
        if (t != null) {
            t.close();
        }
    }

    /** Completes with the derived stream at the first transcoded picture, or fails with why the job ended. */
    CompletableFuture<Stream> live() {
        return live;
    }

    /** Samples pictures per second and the worker's share of a core since the last sample. Ticker thread. */
    void sample(long now) {
        StreamTranscoder t = transcoder;
        Thread th = thread;
        if (t == null || th == null || now <= lastSampleNanos) {
            return;
        }
        long pictures = t.pictures();
        long cpuNanos = Math.max(0, THREADS.getThreadCpuTime(th.threadId()));
        double seconds = (now - lastSampleNanos) / 1e9;
        fps = (pictures - lastPictures) / seconds;
        cpu = (cpuNanos - lastCpuNanos) / 1e9 / seconds;
        lastPictures = pictures;
        lastCpuNanos = cpuNanos;
        lastSampleNanos = now;
    }

    String camera() {
        return camera;
    }

    Rendition rendition() {
        return rendition;
    }

    Stream source() {
        return source;
    }

    boolean ended() {
        return ended;
    }

    /** Whether the job can take viewers: not ended, not being stopped, and reading {@code current}. */
    boolean joinable(Stream current) {
        return !ended && !stopping && source == current;
    }

    /** Why the job ended, null while it runs. */
    String endReason() {
        return endReason;
    }

    /** Guarded by the service. */
    int viewers() {
        return viewers;
    }

    /** Guarded by the service. */
    void join() {
        viewers++;
    }

    /** Guarded by the service. */
    void leave(long now) {
        viewers--;
        if (viewers == 0) {
            idleSinceNanos = now;
        }
    }

    /** Guarded by the service. */
    long idleSinceNanos() {
        return idleSinceNanos;
    }

    double fps() {
        return fps;
    }

    double cpu() {
        return cpu;
    }

    /** Units waiting for the worker: how far behind the camera this job is. */
    int queued() {
        StreamTranscoder t = transcoder;
        return t == null ? 0 : t.queued();
    }

    long skipped() {
        StreamTranscoder t = transcoder;
        return t == null ? 0 : t.skipped();
    }

    /** Camera to published picture, 99th percentile in microseconds; -1 before the first. */
    long latencyP99Micros() {
        StreamTranscoder t = transcoder;
        return t == null ? -1 : t.latency().percentileMicros(0.99);
    }

    /** Request to first transcoded picture in nanoseconds, -1 until it came. */
    long startNanos() {
        long f = firstPictureNanos;
        return f == 0 ? -1 : f - startedNanos;
    }

    String encoder() {
        StreamTranscoder t = transcoder;
        return t == null ? null : t.encoder();
    }

    /** The output size as {@code WxH}, null before the first picture. */
    String size() {
        StreamTranscoder t = transcoder;
        return t == null || t.width() == 0 ? null : t.width() + "x" + t.height();
    }
}
