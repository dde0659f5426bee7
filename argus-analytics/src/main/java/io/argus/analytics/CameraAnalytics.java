package io.argus.analytics;

import io.argus.media.codec.MediaFormat;
import io.argus.media.path.Path;
import io.argus.media.stream.Stream;
import io.argus.storage.event.Event;
import io.argus.storage.event.EventType;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The analytics of one camera for as long as it exists: follows its path's live sessions, starting a
 * {@link StreamAnalysis} for each, keeps its settings and counters, and makes its camera events (a {@code down}
 * event from the moment a session ends until the next one starts). State the sessions touch lives on the camera's
 * analytics event loop; settings and counters are volatile for the API.
 */
final class CameraAnalytics {
    /** The label of a camera event spanning an outage. */
    static final String DOWN = "down";

    private final Analytics node;
    private final UUID tenant;
    private final UUID camera;
    private final Path path;
    private final EventLoop loop;
    private final Executor reads;
    private final Consumer<Stream> onStream = this::onStream;
    private final CameraCounters counters = new CameraCounters();
    private volatile AnalyticsSettings settings;
    private StreamAnalysis current;
    private Event down;

    CameraAnalytics(Analytics node, UUID tenant, UUID camera, Path path, AnalyticsSettings settings, EventLoop loop,
                    Executor reads) {
        this.node = node;
        this.tenant = tenant;
        this.camera = camera;
        this.path = path;
        this.settings = settings;
        this.loop = loop;
        this.reads = reads;
    }

    UUID id() {
        return camera;
    }

    UUID tenant() {
        return tenant;
    }

    Executor reads() {
        return reads;
    }

    void start() {
        path.onStream(onStream);
    }

    private void onStream(Stream stream) {
        loop.execute(() -> {
            if (current != null) {
                current.end();
            }
            current = null;
            if (down != null) {
                node.events().accept(down.endedAt(node.now()), null);
                down = null;
            }
            if (settings.enabled()) {
                current = new StreamAnalysis(this, stream);
                current.start();
            }
        });
    }

    void configure(AnalyticsSettings next) {
        AnalyticsSettings before = settings;
        settings = next;
        loop.execute(() -> {
            if (!next.enabled()) {
                if (current != null) {
                    current.end();
                    current = null;
                }
            } else if (!before.enabled() || current == null) {
                Stream live = path.stream();
                if (live != null) {
                    onStream(live);
                }
            } else {
                current.configure(next);
            }
        });
    }

    /** A session's stream closed. On the camera's loop. */
    void sessionEnded(StreamAnalysis s) {
        if (current != s) {
            return;
        }
        current = null;
        node.analyzer().cameraStopped(camera);
        if (down == null && !node.closing()) {
            down = new Event(tenant, UUID.randomUUID(), camera, EventType.CAMERA, node.now(), null, null, DOWN, null,
                    null, false);
            node.events().accept(down, null);
        }
    }

    FramePipeline pipeline(MediaFormat format) {
        return new FramePipeline(tenant, camera, format, settings, node.config().sampling(), node.analyzer(),
                node.events(), counters, node.config().gpu(), node.config().width());
    }

    Instant wallTime(long receivedNanos) {
        return node.wallTime(receivedNanos);
    }

    AnalyticsStats stats() {
        return counters.snapshot(node.config().sampling().fixedFps(), node.analyzer().counts(camera));
    }

    Future<?> close() {
        path.removeStreamListener(onStream);
        return loop.submit(() -> {
            if (current != null) {
                current.end();
                current = null;
            }
            node.analyzer().cameraStopped(camera);
        });
    }
}
