package io.argus.media.srt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.argus.media.codec.MediaFormat;
import io.argus.media.path.SourceAddressPolicy;
import io.argus.media.path.SourceAttempt;
import io.argus.media.path.SourceConfig;
import io.argus.media.path.SourceCounters;
import io.argus.media.path.SourceListener;
import io.argus.media.path.Transport;
import io.argus.media.stream.Stream;
import io.argus.testkit.Await;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A node that pulls no SRT camera keeps its SRT caller thread asleep (issue 16: polling an empty libsrt epoll 100
 * times a second was 7 % of a 20-camera server's CPU), and the thread still wakes for a camera that comes.
 */
class SrtClientIdleTest {

    @Test
    void anIdleCallerSleepsAndStillServesACameraThatComes() throws Exception {
        Srt srt;
        try {
            srt = Srt.load();
        } catch (SrtUnavailableException e) {
            assumeTrue(false, e.getMessage());
            return;
        }
        try (SrtClient client = new SrtClient(srt, SourceAddressPolicy.ANY)) {
            Thread caller = callerThread();
            awaitParked(caller);

            int closedPort;
            try (ServerSocket s = new ServerSocket(0)) {
                closedPort = s.getLocalPort();
            }
            CompletableFuture<String> ended = new CompletableFuture<>();
            SourceAttempt attempt = client.connect(new SourceConfig(URI.create("srt://127.0.0.1:" + closedPort
                    + "?latency=20"), null, null, Transport.AUTO), new SourceListener() {
                        @Override
                        public Stream onReady(List<MediaFormat> formats, Executor writer) {
                            return null;
                        }

                        @Override
                        public void onEnded(String reason) {
                            ended.complete(reason);
                        }
                    }, new SourceCounters());
            assertThat(ended.get(20, TimeUnit.SECONDS)).isNotBlank();
            attempt.close();
            awaitParked(caller);
        }
    }

    private static Thread callerThread() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("srt-caller"))
                .reduce((a, b) -> b.threadId() > a.threadId() ? b : a).orElseThrow();
    }

    /** Parked: WAITING in LockSupport; polling libsrt through JNA shows as RUNNABLE. */
    private static void awaitParked(Thread t) {
        Await.until(Duration.ofSeconds(10), () -> t.getState() == Thread.State.WAITING,
                () -> "the idle SRT caller thread asleep (it is " + t.getState() + ")");
    }
}
