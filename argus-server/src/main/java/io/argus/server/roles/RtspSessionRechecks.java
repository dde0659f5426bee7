package io.argus.server.roles;

import io.argus.media.path.AccessGrant;
import io.argus.server.auth.Principal;
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
 * Ends open RTSP reader and publisher sessions and RTMP publishes whose credential no longer allows them: they are
 * authorized when they open and would otherwise run on after the token is revoked, the user's password changed,
 * the user or tenant disabled, or the right (view-live, manage-cameras) taken away, keep-alives being answered
 * without a new check. Every {@link #PERIOD} each open session's credential is asked again, as
 * {@link io.argus.server.api.Recheck} asks for a live WebSocket (one lookup per credential and tenant per round,
 * however many sessions it opened), on one thread of its own, never on the packet path.
 */
final class RtspSessionRechecks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RtspSessionRechecks.class);

    /** How often open sessions are checked: a revoked credential streams at most about this long. */
    static final Duration PERIOD = Duration.ofSeconds(1);

    /**
     * One open session: its credential's cache key, {@code lookup}'s key (credential and the tenant it acts in),
     * how to find its principal in that tenant now, what it must still be allowed, and what to do when it is not.
     * A class, not a record: two sessions of one credential are two entries, equal or not.
     */
    private static final class Open {
        final String credential;
        final String lookup;
        final Supplier<Optional<Principal>> principal;
        final Predicate<Principal> allows;
        final Runnable revoked;
        final Runnable revoke;

        Open(String credential, String lookup, Supplier<Optional<Principal>> principal,
             Predicate<Principal> allows, Runnable revoked, Runnable revoke) {
            this.credential = credential;
            this.lookup = lookup;
            this.principal = principal;
            this.allows = allows;
            this.revoked = revoked;
            this.revoke = revoke;
        }
    }

    private final Set<Open> open = ConcurrentHashMap.newKeySet();
    private final Consumer<String> forget;
    private final ScheduledExecutorService timer;

    /**
     * @param forget drops a credential from the credential cache (by its key) once one of its sessions is ended
     * @param name   the check thread's name
     */
    RtspSessionRechecks(Consumer<String> forget, String name) {
        this.forget = forget;
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name(name).daemon().factory());
        timer.scheduleWithFixedDelay(this::round, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * A grant that keeps its sessions checked while they are open.
     *
     * @param credential the credential's key in the credential cache
     * @param lookup     the credential and the tenant it acts in: sessions with the same one share a lookup
     * @param principal  the credential's principal in that tenant now; empty once it has none. May block
     * @param allows     whether that principal may still do what the session does
     * @param revoked    run (on the check thread) before a session is ended: the log line and the audit row
     */
    AccessGrant grant(String credential, String lookup, Supplier<Optional<Principal>> principal,
                      Predicate<Principal> allows, Runnable revoked) {
        return revoke -> {
            Open o = new Open(credential, lookup, principal, allows, revoked, revoke);
            open.add(o);
            return () -> open.remove(o);
        };
    }

    /** Open sessions being checked. */
    int open() {
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
                // A lookup that fails (the database reopening) is not a revocation: asked again next round.
                failed.add(o.lookup);
                LOG.warn("re-checking open RTSP/RTMP sessions failed, retried in {}: {}", PERIOD, e.toString());
                continue;
            }
            if (now.filter(o.allows).isEmpty() && open.remove(o)) {
                end(o);
            }
        }
    }

    private void end(Open o) {
        forget.accept(o.credential);
        try {
            o.revoked.run();
        } catch (RuntimeException e) {
            LOG.error("recording the end of a revoked RTSP/RTMP session failed", e);
        }
        try {
            o.revoke.run();
        } catch (RuntimeException e) {
            // The server is closing: its connections end anyway.
            LOG.debug("ending a revoked RTSP/RTMP session failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
