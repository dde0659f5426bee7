package io.argus.server.roles;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.media.rtsp.server.RtspCredentials;
import io.argus.metadata.Tenants;
import io.argus.server.auth.CheckedCredential;
import io.argus.server.auth.Principal;
import io.argus.testkit.ManualClock;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The RTSP credential checks with a check that the test holds up: the same credentials are checked once while
 * they are being checked and while the outcome is fresh, and no more checks wait than the queue holds: the
 * rest are refused at once (the RTSP server answers them 503), not queued without end.
 */
class RtspCredentialChecksTest {
    private static final Principal ALICE = new Principal(Tenants.DEFAULT_ID, Tenants.DEFAULT_ID, UUID.randomUUID(),
            "alice", List.of(), List.of(), null, null);
    private static final CheckedCredential ALICE_CHECKED = new CheckedCredential(ALICE, () -> Optional.of(ALICE));

    private final ManualClock clock = new ManualClock();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger ran = new AtomicInteger();
    private final RtspCredentialChecks checks = new RtspCredentialChecks((c, source) -> {
        ran.incrementAndGet();
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return c.basicPassword().orElseThrow().equals("right") ? Optional.of(ALICE_CHECKED)
                : Optional.empty();
    }, clock, 1, 2);

    @AfterEach
    void close() {
        release.countDown();
        checks.close();
    }

    private static RtspCredentials basic(String userPass) {
        return RtspCredentials.parse("Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(
                StandardCharsets.UTF_8)), "DESCRIBE", "nonce");
    }

    @Test
    void theSameCredentialsAreCheckedOnceAndTheWaitingQueueIsBounded() {
        CompletableFuture<Void> first = checks.prepare(basic("alice:right"), "10.0.0.1");
        for (int i = 0; i < 50; i++) {
            assertThat(checks.prepare(basic("alice:right"), "10.0.0." + i)).as("joins the running check")
                    .isSameAs(first);
        }
        CompletableFuture<Void> wrong1 = checks.prepare(basic("alice:wrong-1"), "10.0.0.1");
        CompletableFuture<Void> wrong2 = checks.prepare(basic("alice:wrong-2"), "10.0.0.1");
        CompletableFuture<Void> refused = checks.prepare(basic("alice:wrong-3"), "10.0.0.1");
        assertThat(refused).as("one thread busy, two waiting: no room").isCompletedExceptionally();
        assertThat(refused.handle((v, e) -> e).join()).isInstanceOf(RejectedExecutionException.class);
        assertThat(checks.started()).isEqualTo(3);

        release.countDown();
        CompletableFuture.allOf(first, wrong1, wrong2).join();
        assertThat(ran.get()).isEqualTo(3);
        assertThat(checks.credential(basic("alice:right"))).contains(ALICE_CHECKED);
        assertThat(checks.credential(basic("alice:wrong-1"))).isEmpty();
        assertThat(checks.prepare(basic("alice:wrong-1"), "10.0.0.1")).as("a wrong password, cached too").isDone();
        assertThat(checks.prepare(basic("alice:wrong-3"), "10.0.0.1").join()).as("room again").isNull();
        assertThat(checks.started()).isEqualTo(4);
    }

    @Test
    void anOutcomeIsTrustedForTheCacheTimeThenCheckedAgain() {
        release.countDown();
        checks.prepare(basic("alice:right"), "10.0.0.1").join();
        clock.advance(RtspCredentialChecks.CACHE_TTL.minusSeconds(1));
        assertThat(checks.prepare(basic("alice:right"), "10.0.0.1")).isDone();
        assertThat(checks.started()).isEqualTo(1);
        clock.advance(RtspCredentialChecks.CACHE_TTL);
        checks.prepare(basic("alice:right"), "10.0.0.1").join();
        assertThat(checks.started()).isEqualTo(2);
        assertThat(checks.prepare(null, "10.0.0.1")).as("nothing to check").isDone();
    }

    @Test
    void aForgottenCredentialIsCheckedAgainAtOnce() {
        release.countDown();
        checks.prepare(basic("alice:right"), "10.0.0.1").join();
        checks.forget(RtspCredentialChecks.key(basic("alice:right")));
        assertThat(checks.credential(basic("alice:right"))).isEmpty();
        checks.prepare(basic("alice:right"), "10.0.0.1").join();
        assertThat(checks.started()).isEqualTo(2);
    }
}
