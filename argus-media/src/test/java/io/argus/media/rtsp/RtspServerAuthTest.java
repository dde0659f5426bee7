package io.argus.media.rtsp;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.media.path.AccessGrant;
import io.argus.media.path.Backoff;
import io.argus.media.path.PathManager;
import io.argus.media.rtsp.server.RtspAuthenticator;
import io.argus.media.rtsp.server.RtspCredentials;
import io.argus.media.rtsp.server.RtspDecision;
import io.argus.media.rtsp.server.RtspServer;
import io.argus.media.rtsp.server.RtspServerConfig;
import io.argus.testkit.Await;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How the RTSP server uses its authenticator: one preparation (a password check) at a time per connection,
 * pipelined requests waiting for it; a preparation that fails answers 503; the authenticator, not the
 * server, decides which path a URL means, after deciding who may ask; and a session is watched under the grant it
 * was let in on from its SETUP until it ends, its connection closed if the grant is taken back.
 */
class RtspServerAuthTest {
    private ScheduledExecutorService scheduler;
    private PathManager paths;
    private RtspServer server;

    @BeforeEach
    void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor();
        paths = new PathManager(List.of(), scheduler, Backoff.DEFAULT);
        paths.add("id-1", "lobby", null, true);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        paths.close();
        scheduler.shutdownNow();
    }

    private void serve(RtspAuthenticator auth) throws Exception {
        server = new RtspServer(RtspServerConfig.ephemeral(), paths, auth, 1);
        server.start();
    }

    /** An authenticator whose preparations the test completes, and that allows every request to its path. */
    private static final class Gate implements RtspAuthenticator {
        final BlockingQueue<CompletableFuture<Void>> prepared = new LinkedBlockingQueue<>();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostRunning = new AtomicInteger();

        @Override
        public CompletionStage<Void> prepare(RtspCredentials credentials, String source) {
            mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            CompletableFuture<Void> f = new CompletableFuture<>();
            prepared.add(f);
            return f.whenComplete((v, e) -> running.decrementAndGet());
        }

        @Override
        public RtspDecision authorize(Action action, String path, RtspCredentials credentials,
                                      InetSocketAddress client) {
            return RtspDecision.allowed(path);
        }

        CompletableFuture<Void> next() throws InterruptedException {
            CompletableFuture<Void> f = prepared.poll(10, TimeUnit.SECONDS);
            assertThat(f).as("a preparation").isNotNull();
            return f;
        }
    }

    @Test
    void pipelinedRequestsArePreparedOneAtATime() throws Exception {
        Gate gate = new Gate();
        serve(gate);
        try (Socket s = connect()) {
            send(s, describe("nowhere", 1) + describe("id-1", 2) + describe("nowhere", 3));
            gate.next().complete(null);
            gate.next().completeExceptionally(new IllegalStateException("too many checks"));
            gate.next().complete(null);
            List<String> answers = read(s, 3);
            assertThat(answers.get(0)).startsWith("RTSP/1.0 404").contains("CSeq: 1");
            assertThat(answers.get(1)).as("the failed preparation: try again").startsWith("RTSP/1.0 503")
                    .contains("CSeq: 2").contains("Retry-After: 1");
            assertThat(answers.get(2)).startsWith("RTSP/1.0 404").contains("CSeq: 3");
        }
        assertThat(gate.mostRunning.get()).as("preparations running at once on one connection").isEqualTo(1);
    }

    @Test
    void theAuthenticatorResolvesThePathAfterDecidingWhoAsks() throws Exception {
        List<String> asked = new ArrayList<>();
        BiFunction<String, RtspCredentials, RtspDecision> rule = (path, c) -> c == null ? RtspDecision.REFUSED
                : path.equals("mine/lobby") ? RtspDecision.allowed("id-1") : RtspDecision.NOT_FOUND;
        serve((action, path, c, client) -> {
            asked.add(path);
            return rule.apply(path, c);
        });
        String auth = "Authorization: Basic dXNlcjpwdw==\r\n";
        assertThat(request("DESCRIBE", "mine/lobby", "")).startsWith("RTSP/1.0 401");
        assertThat(request("DESCRIBE", "id-1", "")).as("an existing path, unauthenticated: the same 401")
                .startsWith("RTSP/1.0 401");
        assertThat(request("DESCRIBE", "id-1", auth)).as("exists, but not for this client").startsWith("RTSP/1.0 404");
        assertThat(request("DESCRIBE", "mine/lobby", auth)).as("resolved to id-1, not live")
                .startsWith("RTSP/1.0 503");
        assertThat(asked).containsExactly("mine/lobby", "id-1", "id-1", "mine/lobby");
    }

    /** A grant that records its watches: whether each was closed, and how to revoke it. */
    private static final class Watched implements AccessGrant {
        final List<Runnable> revokes = new CopyOnWriteArrayList<>();
        final AtomicInteger closed = new AtomicInteger();

        @Override
        public Watch watch(Runnable revoke) {
            revokes.add(revoke);
            return closed::incrementAndGet;
        }
    }

    @Test
    void aSessionIsWatchedFromItsSetupUntilItEndsAndClosedWhenItsGrantIsTakenBack() throws Exception {
        Watched grant = new Watched();
        serve((action, path, c, client) -> RtspDecision.allowed(path, grant));
        try (Socket s = connect()) {
            announceAndSetup(s);
            assertThat(grant.revokes).hasSize(1);
            send(s, "TEARDOWN rtsp://127.0.0.1:" + server.port() + "/id-1 RTSP/1.0\r\nCSeq: 3\r\nSession: "
                    + session + "\r\n\r\n");
            assertThat(read(s, 1).get(0)).startsWith("RTSP/1.0 200");
            Await.until(Duration.ofSeconds(10), () -> grant.closed.get() == 1, () -> "the watch closed at TEARDOWN");
        }
        try (Socket s = connect()) {
            announceAndSetup(s);
            assertThat(grant.revokes).hasSize(2);
            grant.revokes.get(1).run();
            assertThat(s.getInputStream().read()).as("the connection closed").isEqualTo(-1);
            Await.until(Duration.ofSeconds(10), () -> grant.closed.get() == 2, () -> "the watch closed");
        }
    }

    private String session;

    /** A publisher's ANNOUNCE of one H.264 track to {@code id-1} and its SETUP (interleaved); keeps its session. */
    private void announceAndSetup(Socket s) throws Exception {
        String base = "rtsp://127.0.0.1:" + server.port() + "/id-1";
        String sdp = "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=video 0 RTP/AVP 96\r\n"
                + "a=rtpmap:96 H264/90000\r\na=fmtp:96 packetization-mode=1\r\na=control:streamid=0\r\n";
        send(s, "ANNOUNCE " + base + " RTSP/1.0\r\nCSeq: 1\r\nContent-Type: application/sdp\r\nContent-Length: "
                + sdp.length() + "\r\n\r\n" + sdp);
        assertThat(read(s, 1).get(0)).startsWith("RTSP/1.0 200");
        send(s, "SETUP " + base + "/streamid=0 RTSP/1.0\r\nCSeq: 2\r\n"
                + "Transport: RTP/AVP/TCP;unicast;interleaved=0-1;mode=record\r\n\r\n");
        String answer = read(s, 1).get(0);
        assertThat(answer).startsWith("RTSP/1.0 200");
        session = answer.lines().filter(l -> l.startsWith("Session: ")).findFirst().orElseThrow()
                .substring(9).split(";")[0];
    }

    private Socket connect() throws Exception {
        Socket s = new Socket("127.0.0.1", server.port());
        s.setSoTimeout(10_000);
        return s;
    }

    private String describe(String path, int cseq) {
        return "DESCRIBE rtsp://127.0.0.1:" + server.port() + "/" + path + " RTSP/1.0\r\nCSeq: " + cseq + "\r\n\r\n";
    }

    private String request(String method, String path, String headers) throws Exception {
        try (Socket s = connect()) {
            send(s, method + " rtsp://127.0.0.1:" + server.port() + "/" + path + " RTSP/1.0\r\nCSeq: 1\r\n" + headers
                    + "\r\n");
            return read(s, 1).get(0);
        }
    }

    private static void send(Socket s, String text) throws Exception {
        s.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
    }

    /** The status lines and headers of {@code n} answers (none of them has a body here). */
    private static List<String> read(Socket s, int n) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder b = new StringBuilder();
            for (String l = in.readLine(); l != null && !l.isEmpty(); l = in.readLine()) {
                b.append(l).append('\n');
            }
            out.add(b.toString());
        }
        return out;
    }
}
