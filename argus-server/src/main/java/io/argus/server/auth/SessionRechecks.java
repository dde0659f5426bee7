package io.argus.server.auth;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends open sessions whose credential no longer allows them, whatever carries them: live WebSockets, RTSP readers
 * and publishers, RTMP publishes, and every long-lived answer after them. A session is authorized when it opens and
 * would otherwise run on after its token is revoked, its user's password changed, the user or tenant disabled, or
 * the right taken away. Every period each open session's principal is looked up again and asked whether it still
 * allows the session; sessions that share a lookup key (one credential in one tenant) cost one lookup per round,
 * however many there are. One thread for the node, never the packet path or an HTTP thread.
 */
public final class SessionRechecks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionRechecks.class);

    /**
     * How often open sessions are checked: a revoked credential streams at most about this long (plus one round's
     * lookups), well inside the two seconds an LL-HLS player takes to notice at its next request.
     */
    public static final Duration PERIOD = Duration.ofSeconds(1);

    /** A session being checked; closing it (when the session ends for any reason) stops the checks, twice is harmless. */
    @FunctionalInterface
    public interface Watch extends AutoCloseable {
        @Override
        void close();
    }

    /** One open session. A class, not a record: two sessions of one credential are two entries. */
    private static final class Open {
        final String lookup;
        final Supplier<Optional<Principal>> principal;
        final Predicate<Principal> allows;
        final Consumer<Principal> current;
        final Runnable end;

        Open(String lookup, Supplier<Optional<Principal>> principal, Predicate<Principal> allows,
             Consumer<Principal> current, Runnable end) {
            this.lookup = lookup;
            this.principal = principal;
            this.allows = allows;
            this.current = current;
            this.end = end;
        }
    }

    private final Set<Open> open = ConcurrentHashMap.newKeySet();
    private final Duration period;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("argus-recheck").daemon().factory());

    public SessionRechecks() {
        this(PERIOD);
    }

    /** With another period: tests, which need not wait for one-second rounds. */
    public SessionRechecks(Duration period) {
        this.period = period;
        timer.scheduleWithFixedDelay(this::round, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Checks a session until it is closed or no longer allowed.
     *
     * @param lookup    the credential and the tenant it acts in: sessions with the same one share a lookup
     * @param principal the credential's principal in that tenant now; empty once it has none. May block; a lookup
     *                  that throws (the database reopening) is no revocation, it is asked again next round
     * @param allows    whether that principal may still do what the session does
     * @param end       run once, on the check thread, when the session is no longer allowed: it ends the session
     *                  (and logs and audits why)
     */
    public Watch watch(String lookup, Supplier<Optional<Principal>> principal, Predicate<Principal> allows,
                       Runnable end) {
        return watch(lookup, principal, allows, p -> { }, end);
    }

    /**
     * As {@link #watch(String, Supplier, Predicate, Runnable)}, and hands each round's principal to {@code current}
     * (on the check thread) while it still allows the session: for sessions that filter what they send by what the
     * principal may see now.
     */
    public Watch watch(String lookup, Supplier<Optional<Principal>> principal, Predicate<Principal> allows,
                       Consumer<Principal> current, Runnable end) {
        Open o = new Open(lookup, principal, allows, current, end);
        open.add(o);
        return () -> open.remove(o);
    }

    /** Open sessions being checked. */
    public int open() {
        return open.size();
    }

    private void round() {
        Map<String, Optional<Principal>> resolved = new HashMap<>();
        Set<String> failed = new HashSet<>();
        for (Open o : open) {
            if (failed.contains(o.lookup)) {
                continue;
            }
            Optional<Principal> now;
            try {
                now = resolved.computeIfAbsent(o.lookup, k -> o.principal.get());
            } catch (RuntimeException e) {
                failed.add(o.lookup);
                LOG.warn("re-checking open sessions failed, retried in {}: {}", period, e.toString());
                continue;
            }
            Optional<Principal> allowed = now.filter(o.allows);
            if (allowed.isPresent()) {
                o.current.accept(allowed.get());
            } else if (open.remove(o)) {
                try {
                    o.end.run();
                } catch (RuntimeException e) {
                    // The server is closing: its connections end anyway.
                    LOG.debug("ending a session no longer allowed failed: {}", e.toString());
                }
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
