package io.argus.server.roles;

import io.argus.media.srt.SrtConnection;
import io.argus.media.srt.SrtConnections;
import io.argus.media.srt.SrtStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Each open SRT connection's link, from libsrt's counters, as Prometheus series tagged with the camera (a caller
 * camera's {@code srt://host:port}), the peer and the mode ({@code listener}: a publisher came in; {@code caller}:
 * Argus pulls): bytes and packets received, packets lost, retransmitted and dropped, RTT and receive rate. The
 * series go when the connection does.
 */
public final class SrtMetrics implements SrtConnections.Listener {
    private final MeterRegistry registry;
    private final Map<SrtConnection, List<Meter>> meters = new ConcurrentHashMap<>();

    private SrtMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Registers the series of every connection, open now or later. */
    public static void bind(SrtConnections connections, MeterRegistry registry) {
        connections.listen(new SrtMetrics(registry));
    }

    @Override
    public void opened(SrtConnection c) {
        Tags tags = Tags.of("camera", c.camera(), "peer", c.peer().getHostString() + ":" + c.peer().getPort(),
                "mode", c.caller() ? "caller" : "listener");
        meters.put(c, List.of(
                counter("argus.srt.received", "bytes", "Bytes received, retransmissions included", c, tags,
                        SrtStats::bytes),
                counter("argus.srt.packets.received", null, "Data packets received", c, tags, SrtStats::packets),
                counter("argus.srt.packets.lost", null, "Packets found missing (then retransmitted or dropped)", c,
                        tags, SrtStats::lost),
                counter("argus.srt.packets.retransmitted", null, "Retransmitted packets received", c, tags,
                        SrtStats::retransmitted),
                counter("argus.srt.packets.dropped", null, "Packets that came too late to play: lost for good", c,
                        tags, SrtStats::dropped),
                Gauge.builder("argus.srt.rtt", c, x -> x.stats().rttMillis() / 1000).baseUnit("seconds")
                        .description("Smoothed round-trip time").tags(tags).register(registry),
                Gauge.builder("argus.srt.receive.rate", c, x -> x.stats().mbps() * 1_000_000).baseUnit("bits")
                        .description("Receive rate per second").tags(tags).register(registry)));
    }

    private Meter counter(String name, String unit, String description, SrtConnection c, Tags tags,
                          ToDoubleFunction<SrtStats> value) {
        return FunctionCounter.builder(name, c, x -> value.applyAsDouble(x.stats())).baseUnit(unit)
                .description(description).tags(tags).register(registry);
    }

    @Override
    public void closed(SrtConnection c) {
        List<Meter> gone = meters.remove(c);
        if (gone != null) {
            gone.forEach(registry::remove);
        }
    }
}
