package io.argus.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.server.testing.TestNode;
import io.argus.testkit.tier.Browser;
import io.argus.webrtc.WebRtcServer;
import io.argus.webrtc.WhepStats;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How well WHEP plays in Chromium (page {@code whep-quality.mjs}): glass-to-glass latency from the simulator's
 * capture-time SEI to the frame's display, and recovery by NACK retransmission when a UDP proxy between Chromium
 * and the node's port drops 5 % of the RTP packets.
 */
@Browser
class WhepQualityBrowserTest {

    @RegisterExtension
    static final TestNode node = TestNode.withCameras(1);

    @Test
    void glassToGlassLatencyOnLoopback() throws Exception {
        BrowserDriver browser = BrowserDriver.require();
        // A first session warms the node up (its first seconds compile the DTLS, SRTP and packetizing paths, under
        // a loaded machine's CPU share); its figures are printed, not held.
        JsonNode cold = browser.run("whep-quality.mjs", node.base(), TestNode.PASSWORD,
                Map.of("camera", node.camera(0), "seconds", 3), Duration.ofSeconds(90));
        System.out.println("WHEP glass to glass, first session: " + cold.path("glassToGlass") + ", capture to "
                + "received " + cold.path("captureToReceived") + ", mean jitter buffer "
                + cold.path("meanJitterBufferMs") + " ms, decode " + cold.path("meanDecodeMs") + " ms");
        JsonNode r = browser.run("whep-quality.mjs", node.base(), TestNode.PASSWORD,
                Map.of("camera", node.camera(0), "seconds", 6), Duration.ofSeconds(90));
        boolean busy = BrowserDriver.overloaded();
        System.out.println("WHEP glass to glass" + (busy ? " (machine overloaded)" : "") + ": " + r);
        assertThat(r.path("status").asInt()).as(r.toString()).isEqualTo(201);
        JsonNode g2g = r.path("glassToGlass");
        assertThat(g2g.path("samples").asInt()).as("frames shown with a capture time " + r).isGreaterThan(50);
        // 200 ms is the target on an idle machine; a browser starved of CPU shows frames late whatever the node
        // does, so a loaded machine is held to a looser bound.
        assertThat(g2g.path("p50").asDouble()).as("glass-to-glass p50, ms").isLessThan(busy ? 600 : 200);
    }

    @Test
    void nackRetransmissionKeepsThePictureUnder5PercentLoss() throws Exception {
        BrowserDriver browser = BrowserDriver.require();
        WebRtcServer webrtc = node.server().webrtc().orElseThrow().server();
        Map<String, WhepStats> seen = new ConcurrentHashMap<>();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> webrtc.sessions().forEach(x -> seen.put(x.id(), x.stats())), 0, 50,
                TimeUnit.MILLISECONDS);
        InetSocketAddress port = webrtc.candidates().get(0);
        JsonNode r;
        long rtp;
        long dropped;
        try (LossyUdpProxy proxy = new LossyUdpProxy(port.getAddress(), port, 0.05, 13)) {
            r = browser.run("whep-quality.mjs", node.base(), TestNode.PASSWORD, Map.of("camera", node.camera(0),
                    "proxy", proxy.address(), "seconds", 8), Duration.ofSeconds(90));
            rtp = proxy.rtpPackets();
            dropped = proxy.dropped();
        } finally {
            sampler.shutdownNow();
        }
        WhepStats server = seen.values().stream().findFirst().orElseThrow();
        System.out.println("WHEP under 5 % loss: proxy dropped " + dropped + " of " + rtp + " RTP packets; server "
                + server + "; Chromium " + r);
        assertThat(r.path("status").asInt()).as(r.toString()).isEqualTo(201);
        assertThat(dropped).as("the proxy dropped packets").isGreaterThan(rtp / 40);
        JsonNode before = r.path("before");
        JsonNode after = r.path("after");
        assertThat(after.path("nackCount").asLong()).as("Chromium sent NACKs").isPositive();
        assertThat(server.nacks()).as("the node read NACKs").isPositive();
        assertThat(server.retransmitted()).as("the node sent packets again").isPositive();
        long decoded = after.path("framesDecoded").asLong() - before.path("framesDecoded").asLong();
        long received = after.path("framesReceived").asLong() - before.path("framesReceived").asLong();
        // 8 s at 25 fps is 200 frames: the picture kept decoding, nearly every frame of it.
        assertThat(decoded).as("frames decoded in 8 s under loss " + r).isGreaterThan(150);
        assertThat(received - decoded).as("frames received but not decoded " + r).isLessThan(received / 10 + 1);
        assertThat(after.path("freezeCount").asLong() - before.path("freezeCount").asLong())
                .as("freezes under loss " + r).isLessThanOrEqualTo(2);
    }
}
