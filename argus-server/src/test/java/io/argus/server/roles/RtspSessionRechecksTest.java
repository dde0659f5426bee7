package io.argus.server.roles;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.media.path.AccessGrant;
import io.argus.metadata.Tenants;
import io.argus.server.auth.Principal;
import io.argus.testkit.Await;
import io.argus.testkit.tier.E2e;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The re-check of open sessions, on its own thread: a credential that no longer resolves, or no longer allows, ends its sessions and is forgotten
 * by the credential cache; a lookup that fails keeps them; a session that ended is no longer checked. In the e2e
 * tier: it waits for the real one-second rounds ({@link RtspSessionRechecks#PERIOD}), 8 s in all.
 */
@E2e
class RtspSessionRechecksTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Principal ALICE = new Principal(Tenants.DEFAULT_ID, Tenants.DEFAULT_ID, UUID.randomUUID(),
            "alice", List.of(), List.of(), null, null);

    private final Set<String> forgotten = ConcurrentHashMap.newKeySet();
    private final RtspSessionRechecks rechecks = new RtspSessionRechecks(forgotten::add, "test-recheck");

    @AfterEach
    void close() {
        rechecks.close();
    }

    @Test
    void theSessionsOfARevokedCredentialEndAndTheOthersGoOn() {
        AtomicReference<Optional<Principal>> now = new AtomicReference<>(Optional.of(ALICE));
        AtomicInteger lookups = new AtomicInteger();
        Supplier<Optional<Principal>> lookup = () -> {
            lookups.incrementAndGet();
            return now.get();
        };
        AtomicInteger recorded = new AtomicInteger();
        AccessGrant alice = rechecks.grant("alice", "alice t", lookup, p -> true, recorded::incrementAndGet);
        AccessGrant bob = rechecks.grant("bob", "bob t", () -> Optional.of(ALICE), p -> true, () -> { });
        AtomicInteger ended = new AtomicInteger();
        alice.watch(ended::incrementAndGet);
        alice.watch(ended::incrementAndGet);
        AtomicInteger bobEnded = new AtomicInteger();
        bob.watch(bobEnded::incrementAndGet);

        Await.until(WAIT, () -> lookups.get() >= 2, () -> "two rounds");
        assertThat(ended.get()).isZero();
        now.set(Optional.empty());
        Await.until(WAIT, () -> ended.get() == 2, () -> "both sessions ended");
        assertThat(recorded.get()).isEqualTo(2);
        assertThat(forgotten).containsExactly("alice");
        assertThat(rechecks.open()).as("bob's, still checked").isEqualTo(1);
        assertThat(bobEnded.get()).isZero();
    }

    @Test
    void aRightTakenAwayEndsTheSessionAndAFailedLookupKeepsIt() {
        AtomicReference<Boolean> allowed = new AtomicReference<>(true);
        AtomicInteger failures = new AtomicInteger();
        AccessGrant blip = rechecks.grant("blip", "blip t", () -> {
            failures.incrementAndGet();
            throw new IllegalStateException("the database is reopening");
        }, p -> true, () -> { });
        AccessGrant right = rechecks.grant("right", "right t", () -> Optional.of(ALICE), p -> allowed.get(), () -> { });
        AtomicInteger ended = new AtomicInteger();
        blip.watch(ended::incrementAndGet);
        right.watch(ended::incrementAndGet);

        Await.until(WAIT, () -> failures.get() >= 2, () -> "two failed rounds");
        assertThat(ended.get()).as("a failed lookup is no revocation").isZero();
        allowed.set(false);
        Await.until(WAIT, () -> ended.get() == 1, () -> "the session whose right was taken away ended");
        assertThat(forgotten).containsExactly("right");
    }

    @Test
    void aSessionThatEndedIsNoLongerChecked() {
        AtomicInteger lookups = new AtomicInteger();
        AccessGrant g = rechecks.grant("k", "k t", () -> {
            lookups.incrementAndGet();
            return Optional.empty();
        }, p -> true, () -> { });
        AtomicInteger ended = new AtomicInteger();
        g.watch(ended::incrementAndGet).close();
        assertThat(rechecks.open()).isZero();
        AtomicInteger rounds = new AtomicInteger();
        rechecks.grant("r", "r t", () -> {
            rounds.incrementAndGet();
            return Optional.of(ALICE);
        }, p -> true, () -> { }).watch(() -> { });
        Await.until(WAIT, () -> rounds.get() >= 2, () -> "two rounds");
        assertThat(lookups.get()).isZero();
        assertThat(ended.get()).isZero();
    }
}
