package io.argus.server.metrics;

import io.argus.media.path.PathManager;
import io.argus.storage.record.RecordingStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.util.internal.PlatformDependent;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** The node's metrics registry and its Prometheus text exposition. */
public final class Metrics implements AutoCloseable {
    /** Prometheus text exposition format 0.0.4, what every scraper accepts. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final CameraMetrics cameras;

    /** @param recording a camera's recording status by id (empty for a camera that is not recorded) */
    public Metrics(PathManager paths, Function<UUID, Optional<RecordingStatus>> recording) {
        new JvmMemoryMetrics().bindTo(registry);
        Gauge.builder("argus.direct.memory.used", Metrics::nettyDirectMemory)
                .baseUnit("bytes").description("Direct memory in use (NIO buffers and Netty's own)").register(registry);
        Gauge.builder("argus.cameras", paths, p -> p.paths().size())
                .description("Cameras (paths) on this node").register(registry);
        Gauge.builder("argus.readers", paths, Metrics::readers)
                .description("Readers of all live streams on this node").register(registry);
        cameras = new CameraMetrics(registry, paths, recording);
    }

    /** The registry, for parts that bind their own meters (storage tiers). */
    public io.micrometer.core.instrument.MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text for a scrape, per-camera series brought up to date first. */
    public String scrape() {
        cameras.sync();
        return registry.scrape();
    }

    /** Readers of all live streams: the node total, also shown by the node stats endpoint. */
    public static int readers(PathManager paths) {
        return paths.paths().stream().mapToInt(CameraMetrics::readers).sum();
    }

    /** Bytes of direct memory in use: NIO direct buffers plus what Netty allocates without a cleaner. */
    public static long nettyDirectMemory() {
        long nio = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                nio = pool.getMemoryUsed();
            }
        }
        return nio + Math.max(0, PlatformDependent.usedDirectMemory());
    }

    @Override
    public void close() {
        registry.close();
    }
}
