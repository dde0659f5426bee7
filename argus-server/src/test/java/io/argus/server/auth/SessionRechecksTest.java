package io.argus.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.metadata.Tenants;
import io.argus.testkit.Await;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The node's re-check of open sessions, on its own thread, with 20 ms rounds instead of the node's one second: a
 * credential that no longer resolves, or no longer allows, ends its sessions once each; sessions sharing a lookup
 * cost one lookup per round; a lookup that fails keeps them; a session that ended is no longer checked.
 */
class SessionRechecksTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Principal ALICE = new Principal(Tenants.DEFAULT_ID, Tenants.DEFAULT_ID, UUID.randomUUID(),
            "alice", List.of(), List.of(), null, null);

    private final SessionRechecks rechecks = new SessionRechecks(Duration.ofMillis(20));

    @AfterEach
    void close() {
        rechecks.close();
    }

    @Test
    void theSessionsOfARevokedCredentialEndOnceAndTheOthersGoOn() {
        AtomicReference<Optional<Principal>> now = new AtomicReference<>(Optional.of(ALICE));
        AtomicInteger lookups = new AtomicInteger();
        Supplier<Optional<Principal>> lookup = () -> {
            lookups.incrementAndGet();
            return now.get();
        };
        AtomicInteger ended = new AtomicInteger();
        rechecks.watch("alice t", lookup, p -> true, ended::incrementAndGet);
        rechecks.watch("alice t", lookup, p -> true, ended::incrementAndGet);
        AtomicInteger bobEnded = new AtomicInteger();
        rechecks.watch("bob t", () -> Optional.of(ALICE), p -> true, bobEnded::incrementAndGet);

        Await.until(WAIT, () -> lookups.get() >= 4, () -> "four rounds");
        assertThat(ended.get()).isZero();
        int rounds = lookups.get();
        now.set(Optional.empty());
        Await.until(WAIT, () -> ended.get() == 2, () -> "both sessions ended");
        assertThat(lookups.get() - rounds).as("one lookup for the two sessions of one credential").isLessThanOrEqualTo(2);
        assertThat(rechecks.open()).as("bob's, still checked").isEqualTo(1);
        Await.until(WAIT, () -> lookups.get() == lookups.get() && rechecks.open() == 1, () -> "settled");
        assertThat(ended.get()).as("ended once each").isEqualTo(2);
        assertThat(bobEnded.get()).isZero();
    }

    @Test
    void aRightTakenAwayEndsTheSessionAndAFailedLookupKeepsIt() {
        AtomicReference<Boolean> allowed = new AtomicReference<>(true);
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger ended = new AtomicInteger();
        rechecks.watch("blip t", () -> {
            failures.incrementAndGet();
            throw new IllegalStateException("the database is reopening");
        }, p -> true, ended::incrementAndGet);
        rechecks.watch("right t", () -> Optional.of(ALICE), p -> allowed.get(), ended::incrementAndGet);

        Await.until(WAIT, () -> failures.get() >= 3, () -> "three failed rounds");
        assertThat(ended.get()).as("a failed lookup is no revocation").isZero();
        allowed.set(false);
        Await.until(WAIT, () -> ended.get() == 1, () -> "the session whose right was taken away ended");
        assertThat(rechecks.open()).isEqualTo(1);
    }

    @Test
    void aSessionThatEndedIsNoLongerCheckedAndAFailingEndStopsNothing() {
        AtomicInteger lookups = new AtomicInteger();
        AtomicInteger ended = new AtomicInteger();
        rechecks.watch("k t", () -> {
            lookups.incrementAndGet();
            return Optional.empty();
        }, p -> true, ended::incrementAndGet).close();
        assertThat(rechecks.open()).isZero();
        rechecks.watch("boom t", Optional::empty, p -> true, () -> {
            throw new IllegalStateException("the connection is already closed");
        });
        AtomicInteger rounds = new AtomicInteger();
        rechecks.watch("r t", () -> {
            rounds.incrementAndGet();
            return Optional.of(ALICE);
        }, p -> true, () -> { });
        Await.until(WAIT, () -> rounds.get() >= 3, () -> "three rounds");
        assertThat(lookups.get()).isZero();
        assertThat(ended.get()).isZero();
        assertThat(rechecks.open()).as("the failing end removed its session; the round went on").isEqualTo(1);
    }
}
