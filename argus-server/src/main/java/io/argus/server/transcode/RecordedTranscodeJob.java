package io.argus.server.transcode;

import io.argus.media.transcode.Rendition;
import io.argus.media.transcode.RecordedTranscoder;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A transcode of recorded video (a playback segment of a rendition, an export) while it runs: one request's own,
 * never shared, done on the request's thread. It holds one of the node's {@code transcode.maxJobs} places and shows
 * in {@code GET /api/v1/transcodes} until closed; close it when the request ends (a second close does nothing).
 */
public final class RecordedTranscodeJob implements AutoCloseable {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final TranscodeService service;
    private final String camera;
    private final Rendition rendition;
    private final String kind;
    private final Thread thread = Thread.currentThread();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile RecordedTranscoder transcoder;
    private long lastPictures;
    private long lastCpuNanos = Math.max(0, THREADS.getThreadCpuTime(thread.threadId()));
    private long lastSampleNanos = System.nanoTime();
    private volatile double fps;
    private volatile double cpu;

    RecordedTranscodeJob(TranscodeService service, String camera, Rendition rendition, String kind) {
        this.service = service;
        this.camera = camera;
        this.rendition = rendition;
        this.kind = kind;
    }

    /** The transcoder this job runs, for its figures. */
    public void running(RecordedTranscoder t) {
        transcoder = t;
    }

    /** Samples pictures per second and the request thread's share of a core. Ticker thread, service lock held. */
    void sample(long now) {
        RecordedTranscoder t = transcoder;
        if (now <= lastSampleNanos) {
            return;
        }
        long pictures = t == null ? 0 : t.pictures();
        long cpuNanos = Math.max(0, THREADS.getThreadCpuTime(thread.threadId()));
        double seconds = (now - lastSampleNanos) / 1e9;
        fps = (pictures - lastPictures) / seconds;
        cpu = Math.max(0, cpuNanos - lastCpuNanos) / 1e9 / seconds;
        lastPictures = pictures;
        lastCpuNanos = cpuNanos;
        lastSampleNanos = now;
    }

    TranscodeInfo info() {
        RecordedTranscoder t = transcoder;
        String size = t == null || t.width() == 0 ? null : t.width() + "x" + t.height();
        return new TranscodeInfo(camera, rendition.name(), size, 1, fps, cpu, 0, 0, -1, t == null ? null
                : t.encoder(), kind);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            service.ended(this);
        }
    }
}
