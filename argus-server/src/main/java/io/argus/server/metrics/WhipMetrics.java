package io.argus.server.metrics;

import io.argus.webrtc.WebRtcServer;
import io.argus.webrtc.WhipCounters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;

/**
 * WebRTC publishers (WHIP) in the node's metrics: how many are open, and since start how many came, the Opus
 * packets dropped (the stream hub has no Opus track), and the NACKs and PLIs sent to repair loss.
 */
public final class WhipMetrics {
    private WhipMetrics() {
    }

    public static void bind(MeterRegistry registry, WebRtcServer server) {
        Gauge.builder("argus.whip.publishers", server, s -> s.publishers().size())
                .description("Open WebRTC (WHIP) publishers").register(registry);
        counter(registry, server, "argus.whip.publishers.started", "WHIP publishers accepted since start",
                WhipCounters::publishers);
        counter(registry, server, "argus.whip.audio.dropped", "Opus packets from WHIP publishers dropped: the stream "
                + "hub carries H.264, H.265 and AAC only", WhipCounters::audioPacketsDropped);
        counter(registry, server, "argus.whip.nacks.sent", "NACKs sent to WHIP publishers for lost packets",
                WhipCounters::nacksSent);
        counter(registry, server, "argus.whip.keyframe.requests", "PLIs sent to WHIP publishers",
                WhipCounters::keyframeRequests);
    }

    private static void counter(MeterRegistry registry, WebRtcServer server, String name, String description,
                                ToDoubleFunction<WhipCounters> value) {
        FunctionCounter.builder(name, server, s -> value.applyAsDouble(s.whipCounters())).description(description)
                .register(registry);
    }
}
