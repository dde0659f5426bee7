package io.argus.server.metrics;

import io.argus.webrtc.WebRtcServer;
import io.argus.webrtc.WhepStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;

/**
 * WebRTC viewers in the node's metrics: how many, and over the open sessions the worst round trip and loss and the
 * sums of what RTCP reported (each viewer's own numbers are in {@link WhepStats}); and what the muxed port dropped.
 */
public final class WebRtcMetrics {
    private WebRtcMetrics() {
    }

    public static void bind(MeterRegistry registry, WebRtcServer server) {
        Gauge.builder("argus.webrtc.viewers", server, s -> s.sessions().size())
                .description("Open WebRTC (WHEP) sessions").register(registry);
        gauge(registry, server, "argus.webrtc.rtt.max", "milliseconds",
                "Longest round trip among WebRTC viewers, from their receiver reports", WhepStats::rttMillis, true);
        gauge(registry, server, "argus.webrtc.fraction.lost.max", null,
                "Worst fraction lost (0-255, RFC 3550) among WebRTC viewers' last receiver reports",
                WhepStats::fractionLost, true);
        gauge(registry, server, "argus.webrtc.nacks", null, "Packets WebRTC viewers asked for again (open sessions)",
                WhepStats::nacks, false);
        gauge(registry, server, "argus.webrtc.retransmitted", null,
                "Packets sent again on NACK (open sessions)", WhepStats::retransmitted, false);
        gauge(registry, server, "argus.webrtc.keyframe.requests", null, "PLI and FIR from WebRTC viewers (open sessions)",
                WhepStats::keyframeRequests, false);
        gauge(registry, server, "argus.webrtc.keyframe.resyncs", null,
                "Keyframe requests answered by restarting the viewer on the GOP cache (open sessions)",
                WhepStats::resyncs, false);
        gauge(registry, server, "argus.webrtc.bitrate", "bits", "Video bits per second sent to all WebRTC viewers",
                WhepStats::bitrateBps, false);
        FunctionCounter.builder("argus.webrtc.port.dropped", server, s -> s.counters().badStun()
                        + s.counters().unknownSender() + s.counters().badRtcp() + s.counters().dropped())
                .description("Datagrams the WebRTC port dropped (bad STUN, strangers, bad SRTCP, other protocols)")
                .register(registry);
    }

    private static void gauge(MeterRegistry registry, WebRtcServer server, String name, String unit,
                              String description, ToDoubleFunction<WhepStats> value, boolean max) {
        Gauge.builder(name, server, s -> {
            double out = 0;
            for (var session : s.sessions()) {
                double v = value.applyAsDouble(session.stats());
                out = max ? Math.max(out, v) : out + v;
            }
            return out;
        }).baseUnit(unit).description(description).register(registry);
    }
}
