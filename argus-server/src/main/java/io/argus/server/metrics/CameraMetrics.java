package io.argus.server.metrics;

import io.argus.media.path.Path;
import io.argus.media.path.PathManager;
import io.argus.media.path.PathState;
import io.argus.media.stream.Stream;
import io.argus.storage.record.RecordingState;
import io.argus.storage.record.RecordingStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The per-camera series. {@link #sync()} (run before each scrape) registers meters for new paths and removes
 * those of paths that are gone or renamed, so the series always match the cameras without every camera change
 * having to tell the metrics.
 */
final class CameraMetrics {
    private record Registered(String name, List<Meter> meters) {
    }

    private final MeterRegistry registry;
    private final PathManager paths;
    private final Function<UUID, Optional<RecordingStatus>> recording;
    private final Map<String, Registered> byId = new HashMap<>();

    CameraMetrics(MeterRegistry registry, PathManager paths, Function<UUID, Optional<RecordingStatus>> recording) {
        this.registry = registry;
        this.paths = paths;
        this.recording = recording;
    }

    synchronized void sync() {
        Set<String> seen = new HashSet<>();
        for (Path p : paths.paths()) {
            seen.add(p.id());
            Registered r = byId.get(p.id());
            if (r != null && !r.name().equals(p.name())) {
                remove(p.id());
                r = null;
            }
            if (r == null) {
                byId.put(p.id(), new Registered(p.name(), register(p)));
            }
        }
        for (String id : new ArrayList<>(byId.keySet())) {
            if (!seen.contains(id)) {
                remove(id);
            }
        }
    }

    private void remove(String id) {
        Registered r = byId.remove(id);
        r.meters().forEach(registry::remove);
    }

    private List<Meter> register(Path p) {
        Tags tags = Tags.of("camera_id", p.id(), "camera", p.name());
        List<Meter> m = new ArrayList<>();
        m.add(counter("argus.camera.frames", "Access units received", p, tags, x -> x.counters().frames(), null));
        m.add(counter("argus.camera.bytes", "Payload bytes received", p, tags, x -> x.counters().bytes(), "bytes"));
        m.add(counter("argus.camera.packets.lost", "RTP packets lost (sequence gaps)", p, tags,
                x -> x.counters().packetsLost(), null));
        m.add(counter("argus.camera.frames.dropped", "Access units dropped", p, tags,
                x -> x.counters().framesDropped(), null));
        m.add(counter("argus.camera.frames.retimed", "Access units given arrival times because the camera's own "
                + "timestamps could not be trusted", p, tags, x -> x.counters().framesRetimed(), null));
        m.add(Gauge.builder("argus.camera.timestamps.arrival", p, CameraMetrics::arrivalTimed)
                .tags(tags).description("1 while the camera's frames are timed by their arrival (its own timestamps "
                        + "do not advance, jump or run at the wrong rate), 0 while its own are used")
                .register(registry));
        m.add(counter("argus.camera.reconnects", "Source reconnect attempts", p, tags,
                x -> x.status().reconnects(), null));
        m.add(Gauge.builder("argus.camera.readers", p, CameraMetrics::readers).tags(tags)
                .description("Readers of the live stream").register(registry));
        for (PathState s : PathState.values()) {
            m.add(Gauge.builder("argus.camera.state", p, x -> x.state() == s ? 1 : 0)
                    .tags(tags.and("state", s.apiName()))
                    .description("1 for the camera's current state, 0 for the others").register(registry));
        }
        UUID id = UUID.fromString(p.id());
        m.add(Gauge.builder("argus.camera.recording.paused", recording, r -> r.apply(id)
                        .map(s -> s.state() == RecordingState.PAUSED_DISK_FULL ? 1 : 0).orElse(0))
                .tags(tags).description("1 while recording is paused because no volume has room (an alert)")
                .register(registry));
        m.add(FunctionCounter.builder("argus.camera.recording.frames.not.recorded", recording,
                        r -> r.apply(id).map(RecordingStatus::framesDropped).orElse(0L))
                .tags(tags).description("Frames that should have been recorded and were not (disk full, write errors)")
                .register(registry));
        m.add(FunctionCounter.builder("argus.camera.recording.bytes", recording,
                        r -> r.apply(id).map(RecordingStatus::bytes).orElse(0L))
                .tags(tags).description("Bytes recorded").baseUnit("bytes").register(registry));
        return m;
    }

    private FunctionCounter counter(String name, String doc, Path p, Tags tags, ToDoubleFunction<Path> f,
                                    String unit) {
        return FunctionCounter.builder(name, p, f).tags(tags).description(doc).baseUnit(unit).register(registry);
    }

    static int arrivalTimed(Path p) {
        return p.stream() != null && p.counters().timestampFault() != null ? 1 : 0;
    }

    static int readers(Path p) {
        Stream s = p.stream();
        return s == null ? 0 : s.readerCount();
    }
}
