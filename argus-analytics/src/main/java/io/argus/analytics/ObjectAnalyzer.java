package io.argus.analytics;

import io.argus.analytics.detect.DetectionBatcher;
import io.argus.analytics.detect.Detection;
import io.argus.analytics.detect.DetectorBackend;
import io.argus.analytics.detect.Frame;
import io.argus.analytics.geom.Box;
import io.argus.analytics.rules.CameraRules;
import io.argus.analytics.rules.ObjectAnalysis;
import io.argus.analytics.rules.RuleHit;
import io.argus.analytics.track.IouTracker;
import io.argus.analytics.track.Track;
import io.argus.media.decode.ScaledFrame;
import io.argus.storage.event.Event;
import io.argus.storage.event.EventBox;
import io.argus.storage.event.EventType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Object detection in the pipeline: sends each picture it is given to a detector through a {@link DetectionBatcher}
 * shared by every camera, keeps the objects of the classes and confidence the camera asks for, tracks them and runs
 * the camera's rules ({@link ObjectAnalysis}, rebuilt when its settings change), and makes the events: one
 * {@code object} event per track (from its first sighting to its end) and one {@code rule} event per rule hit, each
 * reported at its start with a thumbnail and again, by the same id, when it ends.
 *
 * <p>The camera's thread waits for its picture's detections up to a timeout; a full queue, a timeout or a failure
 * skips the picture (counted): a late answer is worth less than keeping the camera's sampling on time.
 */
public final class ObjectAnalyzer implements FrameAnalyzer {
    private static final Logger log = LoggerFactory.getLogger(ObjectAnalyzer.class);

    private final DetectorBackend backend;
    private final DetectionBatcher batcher;
    private final Duration timeout;
    private final Map<UUID, CameraState> cameras = new ConcurrentHashMap<>();
    private final Map<UUID, Counts> counts = new ConcurrentHashMap<>();

    /** Takes {@code backend} over: {@link #close} closes it. */
    public ObjectAnalyzer(DetectorBackend backend, DetectionBatcher.Config batching, Duration timeout) {
        this.backend = backend;
        this.batcher = new DetectionBatcher(backend, batching);
        this.timeout = timeout;
    }

    /** A camera's tracks and open events: touched by its analytics thread only. */
    private static final class CameraState {
        final UUID tenant;
        final AnalyticsSettings settings;
        final ObjectAnalysis analysis;
        final EventSink events;
        final Map<Long, Event> objects = new HashMap<>();
        Instant last;

        CameraState(UUID tenant, UUID camera, AnalyticsSettings settings, EventSink events) {
            this.tenant = tenant;
            this.settings = settings;
            this.analysis = new ObjectAnalysis(camera.toString(), IouTracker.Config.DEFAULTS, rules(settings));
            this.events = events;
        }
    }

    /** A camera's counters: written by its analytics thread, read by anyone; kept across its sessions. */
    private static final class Counts {
        volatile long sent;
        volatile long detected;
        volatile long skipped;
    }

    @Override
    public List<Detection> analyze(AnalysisFrame frame, EventSink events) {
        CameraState state = cameras.get(frame.camera());
        if (state == null || !state.settings.equals(frame.settings())) {
            if (state != null) {
                end(frame.tenant(), frame.camera(), state, frame.at());
            }
            state = new CameraState(frame.tenant(), frame.camera(), frame.settings(), events);
            cameras.put(frame.camera(), state);
        }
        Counts n = counts.computeIfAbsent(frame.camera(), c -> new Counts());
        state.last = frame.at();
        n.sent++;
        List<Detection> found = detect(frame);
        if (found == null) {
            n.skipped++;
            return List.of();
        }
        List<Detection> wanted = found.stream()
                .filter(d -> d.confidence() >= frame.settings().minConfidence()
                        && frame.settings().objects().contains(d.label()))
                .toList();
        if (!wanted.isEmpty()) {
            n.detected++;
        }
        report(frame.tenant(), frame.camera(), state, state.analysis.accept(frame.at(), wanted), frame.picture());
        return wanted;
    }

    /** The picture's detections, or null when it was skipped. */
    private List<Detection> detect(AnalysisFrame frame) {
        ScaledFrame p = frame.picture();
        // A copy: on a timeout the batcher may still read the frame after the pipeline reuses its picture.
        Frame f = new Frame(frame.camera().toString(), frame.at(), p.width(), p.height(),
                p.rgb().clone());
        CompletableFuture<List<Detection>> result = batcher.submit(f);
        try {
            return result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            result.cancel(false);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void report(UUID tenant, UUID camera, CameraState state, ObjectAnalysis.Result result,
                        ScaledFrame picture) {
        byte[][] jpeg = new byte[1][];
        for (Track t : result.tracks().seen()) {
            if (!state.objects.containsKey(t.id())) {
                Event e = new Event(tenant, UUID.randomUUID(), camera, EventType.OBJECT, t.start(), null, null,
                        t.label(), (double) t.maxConfidence(), box(t.box()), true);
                state.objects.put(t.id(), e);
                state.events.accept(e, thumbnail(jpeg, picture));
            }
        }
        for (Track t : result.tracks().ended()) {
            Event e = state.objects.remove(t.id());
            if (e != null) {
                state.events.accept(new Event(tenant, e.id(), camera, EventType.OBJECT, e.from(), t.lastSeen(), null,
                        e.label(), (double) t.maxConfidence(), box(t.box()), true), null);
            }
        }
        for (RuleHit h : result.hits()) {
            boolean first = h.end() == null || h.end().equals(h.start());
            Event e = new Event(tenant, UUID.nameUUIDFromBytes(h.id().getBytes(StandardCharsets.UTF_8)), camera,
                    EventType.RULE, h.start(), h.end(), h.area(), h.rule(), (double) h.confidence(), box(h.box()),
                    true);
            state.events.accept(e, first ? thumbnail(jpeg, picture) : null);
        }
    }

    /** One JPEG per picture however many events it starts; none without a picture (a camera's tracks closing). */
    private static byte[] thumbnail(byte[][] made, ScaledFrame picture) {
        if (picture != null && made[0] == null) {
            made[0] = Thumbnails.jpeg(picture);
        }
        return made[0];
    }

    private static EventBox box(Box b) {
        return b == null ? null : new EventBox(b.x(), b.y(), b.w(), b.h());
    }

    private void end(UUID tenant, UUID camera, CameraState state, Instant at) {
        report(tenant, camera, state, state.analysis.close(at), null);
    }

    /** The camera's rules for the engine (see {@link AnalyticsSettings#cameraRules()}). */
    private static CameraRules rules(AnalyticsSettings settings) {
        try {
            return settings.cameraRules();
        } catch (IllegalArgumentException e) {
            // The API checks rules before it stores them; rules stored before it did run as none, said once a session.
            log.warn("camera rules not understood, running without rules: {}", e.getMessage());
            return new AnalyticsSettings(settings.motion(), settings.objects(), settings.minConfidence(),
                    settings.zones(), "[]", settings.sensitivity(), settings.minArea()).cameraRules();
        }
    }

    @Override
    public void cameraStopped(UUID camera) {
        CameraState state = cameras.remove(camera);
        if (state != null && state.last != null) {
            end(state.tenant, camera, state, state.last);
        }
    }

    @Override
    public DetectionCounts counts(UUID camera) {
        Counts s = counts.get(camera);
        return s == null ? DetectionCounts.ZERO : new DetectionCounts(s.sent, s.detected, s.skipped);
    }

    /** The detector's name for logs ("onnx:nanodet"). */
    public String name() {
        return backend.name();
    }

    @Override
    public void close() {
        batcher.close();
        backend.close();
    }
}
