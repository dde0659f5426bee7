package io.argus.server.transcode;

import io.argus.media.stream.Stream;
import io.argus.media.transcode.Hardware;
import io.argus.media.transcode.Rendition;
import io.argus.media.transcode.TranscodeException;
import io.argus.server.config.TranscodeConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's live transcodes: one job per camera and rendition, started by its first viewer, joined by later
 * ones, stopped {@link TranscodeConfig#linger()} after its last viewer left or when the camera's stream ends. At
 * most {@link TranscodeConfig#maxJobs()} run at once; a request for another is refused with the reason (never
 * a worse stream for everyone), and the viewers of running jobs are untouched.
 *
 * <p>Jobs are keyed by the camera's path id and the rendition's canonical name; a camera that reconnected has a
 * new stream, so a job of the old one is not joined.
 */
public final class TranscodeService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TranscodeService.class);

    private final TranscodeConfig config;
    private final Hardware hardware;
    private final Map<String, TranscodeJob> jobs = new HashMap<>();
    /** Transcodes of recorded video running now: each a request's own, counted against the same maximum. */
    private final Set<RecordedTranscodeJob> recorded = new LinkedHashSet<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "argus-transcode-ticker");
        t.setDaemon(true);
        return t;
    });
    /**
     * The derived streams' writers: publishing a transcoded picture and attaching a viewer are a few list
     * operations, so two loops carry every job of a node.
     */
    private final EventLoopGroup writers = new DefaultEventLoopGroup(2, new DefaultThreadFactory("argus-transcode-out",
            true));
    private volatile Counter refused;
    private volatile Timer startTime;

    public TranscodeService(TranscodeConfig config, Hardware hardware) {
        this.config = config;
        this.hardware = hardware;
        ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Joins the transcode of {@code source} (the camera's current stream) in {@code rendition}, starting it if
     * none runs.
     *
     * @throws TranscodeRefusedException {@code FULL} when the node runs its maximum of jobs, {@code UNSUPPORTED}
     *                                   when the stream cannot be transcoded
     */
    public TranscodeLease acquire(String camera, Stream source, Rendition rendition) {
        String key = key(camera, rendition);
        synchronized (this) {
            TranscodeJob job = joinable(key, source);
            if (job == null) {
                refuseWhenFull();
                job = new TranscodeJob(camera, rendition, source, this::ended);
                try {
                    job.start(hardware, writers.next());
                } catch (TranscodeException e) {
                    throw new TranscodeRefusedException(TranscodeRefusedException.Reason.UNSUPPORTED, e.getMessage());
                }
                jobs.put(key, job);
                LOG.info("transcode {} of camera {} started ({} of {} running)", rendition.name(), camera,
                        jobs.size(), config.maxJobs());
            }
            job.join();
            return new TranscodeLease(this, job);
        }
    }

    /**
     * Checks, without starting anything, that {@link #acquire} would not be refused as full now: a running job to
     * join, or room for a new one. For a refusal that must come before a protocol answers (a WebSocket upgrade).
     *
     * @throws TranscodeRefusedException {@code FULL} as {@link #acquire} would
     */
    public synchronized void checkRoom(String camera, Stream source, Rendition rendition) {
        if (joinable(key(camera, rendition), source) == null) {
            refuseWhenFull();
        }
    }

    /**
     * Admits a transcode of recorded video ({@code kind} {@code playback} or {@code export}) that the calling
     * thread runs: it takes one of the node's places until closed, and shows in {@link #jobs()}.
     *
     * @throws TranscodeRefusedException {@code FULL} when the node runs its maximum of jobs
     */
    public synchronized RecordedTranscodeJob startRecorded(String camera, Rendition rendition, String kind) {
        refuseWhenFull();
        RecordedTranscodeJob job = new RecordedTranscodeJob(this, camera, rendition, kind);
        recorded.add(job);
        return job;
    }

    /**
     * Checks, without starting anything, that a transcode of recorded video would be admitted now (a playlist's
     * answer, before its segments ask).
     *
     * @throws TranscodeRefusedException {@code FULL} as {@link #startRecorded} would
     */
    public synchronized void checkRoomForRecorded() {
        refuseWhenFull();
    }

    synchronized void ended(RecordedTranscodeJob job) {
        recorded.remove(job);
    }

    private static String key(String camera, Rendition rendition) {
        return camera + "/" + rendition.name();
    }

    /** The running job of {@code key} if it can be joined; one that cannot is dropped from the table. */
    private TranscodeJob joinable(String key, Stream source) {
        TranscodeJob job = jobs.get(key);
        if (job != null && !job.joinable(source)) {
            jobs.remove(key);
            job.stop();
            return null;
        }
        return job;
    }

    private void refuseWhenFull() {
        if (jobs.size() + recorded.size() >= config.maxJobs()) {
            Counter c = refused;
            if (c != null) {
                c.increment();
            }
            throw new TranscodeRefusedException(TranscodeRefusedException.Reason.FULL, config.maxJobs() == 0
                    ? "transcoding is off on this node (transcode.maxJobs is 0)"
                    : "this node already runs its maximum of " + config.maxJobs() + " transcodes "
                    + "(transcode.maxJobs, live and recorded together); the camera's own stream plays as before, "
                    + "or try again later");
        }
    }

    synchronized void leave(TranscodeJob job) {
        job.leave(System.nanoTime());
        if (job.viewers() == 0 && config.linger().isZero()) {
            job.stop();
        }
    }

    /** A job's transcode ended (its stream ended, it failed, or it was stopped). Worker thread. */
    private void ended(TranscodeJob job) {
        synchronized (this) {
            jobs.remove(key(job.camera(), job.rendition()), job);
        }
        Timer t = startTime;
        if (t != null && job.startNanos() >= 0) {
            t.record(job.startNanos(), TimeUnit.NANOSECONDS);
        }
        LOG.info("transcode {} of camera {} ended: {}", job.rendition().name(), job.camera(), job.endReason());
    }

    private void tick() {
        long now = System.nanoTime();
        List<TranscodeJob> idle = new ArrayList<>();
        synchronized (this) {
            recorded.forEach(r -> r.sample(now));
            for (TranscodeJob j : jobs.values()) {
                j.sample(now);
                if (j.viewers() == 0 && now - j.idleSinceNanos() >= config.linger().toNanos()) {
                    LOG.info("transcode {} of camera {} stops: no viewer for {} ms", j.rendition().name(), j.camera(),
                            config.linger().toMillis());
                    idle.add(j);
                }
            }
            // Out of the table at once: a viewer arriving while it stops starts a fresh job instead of joining.
            idle.forEach(j -> jobs.remove(key(j.camera(), j.rendition()), j));
        }
        idle.forEach(TranscodeJob::stop);
    }

    /** The running jobs, for {@code GET /api/v1/transcodes}. */
    public synchronized List<TranscodeInfo> jobs() {
        List<TranscodeInfo> out = new ArrayList<>();
        for (TranscodeJob j : jobs.values()) {
            out.add(new TranscodeInfo(j.camera(), j.rendition().name(), j.size(), j.viewers(), j.fps(), j.cpu(),
                    j.queued(), j.skipped(), j.latencyP99Micros(), j.encoder(), "live"));
        }
        recorded.forEach(r -> out.add(r.info()));
        return out;
    }

    /** Jobs running now, live and recorded. */
    public synchronized int running() {
        return jobs.size() + recorded.size();
    }

    private synchronized int queueDepth() {
        int sum = 0;
        for (TranscodeJob j : jobs.values()) {
            sum += j.queued();
        }
        return sum;
    }

    private synchronized long maxLatencyMicros() {
        long max = 0;
        for (TranscodeJob j : jobs.values()) {
            max = Math.max(max, j.latencyP99Micros());
        }
        return max;
    }

    public TranscodeConfig config() {
        return config;
    }

    public Hardware hardware() {
        return hardware;
    }

    /**
     * Registers the transcode meters: running jobs and the limit, the units queued before the workers (the
     * trigger for more transcode capacity), the slowest job's picture latency, refusals, and the time from a
     * job's start to its first picture.
     */
    public void bindMetrics(MeterRegistry registry) {
        Gauge.builder("argus.transcode.jobs", this, TranscodeService::running)
                .description("Live transcodes running on this node").register(registry);
        Gauge.builder("argus.transcode.jobs.max", config, TranscodeConfig::maxJobs)
                .description("Live transcodes this node runs at most (transcode.maxJobs)").register(registry);
        Gauge.builder("argus.transcode.queue.depth", this, TranscodeService::queueDepth)
                .description("Units waiting for a transcode worker, all jobs together").register(registry);
        Gauge.builder("argus.transcode.latency.p99", this, s -> s.maxLatencyMicros() / 1e6).baseUnit("seconds")
                .description("Camera to transcoded picture, 99th percentile of the slowest job").register(registry);
        refused = Counter.builder("argus.transcode.refused")
                .description("Transcode requests refused because the node ran its maximum").register(registry);
        startTime = Timer.builder("argus.transcode.start")
                .description("From a transcode's start to its first picture").register(registry);
    }

    /** Stops every job and the ticker. */
    @Override
    public void close() {
        ticker.shutdownNow();
        List<TranscodeJob> all;
        synchronized (this) {
            all = new ArrayList<>(jobs.values());
        }
        all.forEach(TranscodeJob::stop);
        writers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        hardware.close();
    }
}
