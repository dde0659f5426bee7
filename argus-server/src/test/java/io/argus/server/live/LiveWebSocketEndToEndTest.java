package io.argus.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.argus.media.codec.format.fmp4.Mp4Structure;
import io.argus.media.stream.LatencyHistogram;
import io.argus.media.stream.Stream;
import io.argus.server.testing.TestNode;
import io.argus.testkit.Await;
import io.argus.testkit.tier.E2e;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Simulator → node → fMP4 over WebSocket (MSE): first frame, glass-to-glass latency, slow readers, endings. */
@E2e
class LiveWebSocketEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Fragments of the cached GOP arrive in a burst at connect; latency is measured on the live ones after. */
    private static final int BURST = 50;
    /** The slow client's socket receive buffer: small, so its TCP window closes at once. */
    private static final int SLOW_CLIENT_BUFFER = 4096;

    @RegisterExtension
    static final TestNode NODE = TestNode.withCameras(1);
    static LiveFixture f;

    @BeforeAll
    static void start() {
        f = new LiveFixture(NODE);
    }

    private static String wsUrl(String camera) {
        return "ws://127.0.0.1:" + f.server.httpPort() + "/api/v1/cameras/" + camera + "/live.ws";
    }

    private static Stream stream() {
        return f.server.paths().get(f.camera).orElseThrow().stream();
    }

    @Test
    void theFirstFrameIsAKeyframeWithinTensOfMilliseconds() throws Exception {
        LiveWsClient c = new LiveWsClient(f.http, wsUrl(f.camera), f.api.token());
        try {
            List<LiveWsClient.Message> first = c.await(2, Duration.ofSeconds(10));
            double ms = (first.get(1).arrivalNanos() - c.connectNanos) / 1e6;
            JsonNode header = JSON.readTree(c.header.get(5, TimeUnit.SECONDS));
            System.out.printf("live.ws: first fragment %.1f ms after connecting (%s)%n", ms, header);
            assertThat(header.path("codecs").asText()).startsWith("avc1.64");
            assertThat(header.path("mime").asText())
                    .isEqualTo("video/mp4; codecs=\"" + header.path("codecs").asText() + "\"");
            assertThat(new String(first.get(0).bytes(), 4, 4, StandardCharsets.US_ASCII)).isEqualTo("ftyp");
            ByteArrayOutputStream mp4 = new ByteArrayOutputStream();
            mp4.writeBytes(first.get(0).bytes());
            mp4.writeBytes(first.get(1).bytes());
            Mp4Structure s = Mp4Structure.validate(Unpooled.wrappedBuffer(mp4.toByteArray()));
            assertThat(s.samples(1)).hasSize(1);
            assertThat(s.samples(1).get(0).sync()).as("starts with a keyframe").isTrue();
            assertThat(ms).isLessThan(300);
        } finally {
            c.abort();
        }
    }

    @Test
    void glassToGlassLatencyIsUnderHalfASecond() throws Exception {
        LiveWsClient c = new LiveWsClient(f.http, wsUrl(f.camera), f.api.token());
        try {
            List<LiveWsClient.Message> got = c.await(1 + BURST + 100, Duration.ofSeconds(30));
            ByteArrayOutputStream mp4 = new ByteArrayOutputStream();
            LatencyHistogram latency = new LatencyHistogram();
            for (int i = 0; i < got.size(); i++) {
                mp4.writeBytes(got.get(i).bytes());
                if (i > BURST) {
                    for (long captured : LiveFixture.captureTimes(got.get(i).bytes())) {
                        latency.recordMicros(got.get(i).arrivalMicros() - captured);
                    }
                }
            }
            Mp4Structure s = Mp4Structure.validate(Unpooled.wrappedBuffer(mp4.toByteArray()));
            assertThat(s.fragments()).hasSize(got.size() - 1);
            System.out.printf("live.ws glass-to-glass sim → server → client: p50 %.2f ms, p99 %.2f ms, max %.2f ms "
                    + "(%d frames)%n", latency.percentileMicros(0.5) / 1000.0, latency.percentileMicros(0.99) / 1000.0,
                    latency.percentileMicros(1.0) / 1000.0, latency.count());
            assertThat(latency.count()).isEqualTo(100);
            assertThat(latency.percentileMicros(0.5)).isLessThan(500_000);
        } finally {
            c.abort();
        }
    }

    /**
     * A viewer on a raw socket with a 4 KiB receive buffer that stops reading after the handshake: the server's
     * socket fills within a second or two (the JDK client's autotuned buffers would take tens of seconds).
     */
    @Test
    void aClientThatStopsReadingIsSkippedNotBuffered() throws Exception {
        int readersBefore = stream().readerCount();
        long skippedBefore = stream().droppedByReaders();
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(SLOW_CLIENT_BUFFER);
            socket.connect(new InetSocketAddress("127.0.0.1", f.server.httpPort()));
            socket.getOutputStream().write(("GET /api/v1/cameras/" + f.camera + "/live.ws HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Authorization: Bearer " + f.api.token() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] status = socket.getInputStream().readNBytes(12);
            assertThat(new String(status, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 101");
            // The server's autotuned send buffer absorbs some seconds first; then each GOP is one skip.
            await(() -> stream().droppedByReaders() > skippedBefore, Duration.ofSeconds(60), "the first skip");
            long memory = PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();
            long skipped = stream().droppedByReaders();
            await(() -> stream().droppedByReaders() >= skipped + 3, Duration.ofSeconds(20), "three more skips");
            long grown = PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory() - memory;
            System.out.printf("live.ws slow client: skipped to the next keyframe %d times; pooled direct memory "
                    + "changed by %d KiB over the last 3 (pool chunks are 4 MiB)%n",
                    stream().droppedByReaders() - skippedBefore, grown / 1024);
            assertThat(grown).as("memory stays steady while the client is skipped").isLessThanOrEqualTo(4L << 20);
        }
        await(() -> stream().readerCount() == readersBefore, Duration.ofSeconds(10), "the reader detached");
    }

    @Test
    void theSocketClosesWhenTheCameraGoesAway() throws Exception {
        String id = f.api.post("/api/v1/cameras", "{\"name\":\"going\",\"url\":\"" + f.sim.url(1)
                + "\",\"transport\":\"tcp\"}").json().path("id").asText();
        await(() -> f.server.paths().get(id).map(p -> p.stream() != null).orElse(false), Duration.ofSeconds(30),
                "the second camera live");
        LiveWsClient c = new LiveWsClient(f.http, wsUrl(id), f.api.token());
        c.await(2, Duration.ofSeconds(10));
        assertThat(f.api.delete("/api/v1/cameras/" + id).status()).isEqualTo(204);
        assertThat(c.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1001);
    }

    @Test
    void aViewerWithoutCredentialsIsRefused() {
        assertThatThrownBy(() -> new LiveWsClient(f.http, wsUrl(f.camera), null))
                .hasCauseInstanceOf(WebSocketHandshakeException.class).hasStackTraceContaining("401");
    }

    private static void await(BooleanSupplier condition, Duration timeout, String what) {
        Await.until(timeout, Duration.ofMillis(10), condition, what);
    }
}
