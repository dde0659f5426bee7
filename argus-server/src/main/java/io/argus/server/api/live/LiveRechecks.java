package io.argus.server.api.live;

import io.argus.server.api.Recheck;
import io.argus.server.auth.Principal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends open {@code live.ws} sockets whose credential no longer allows them: a socket is authorized once, at its
 * upgrade, and would otherwise stream on after its token is revoked, its user's password changed, the user or
 * tenant disabled, or view-live taken away. Every {@link #PERIOD} each socket's {@link Recheck} is asked again
 * (one lookup per credential per round, however many sockets it opened) on one thread of its own.
 */
final class LiveRechecks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveRechecks.class);

    /**
     * How often open sockets are checked: a revoked credential streams at most about this long (plus one round's
     * lookups), well inside the two seconds an LL-HLS player takes to notice at its next request.
     */
    static final Duration PERIOD = Duration.ofSeconds(1);

    private final Map<LiveSocket, Recheck> open = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("argus-live-recheck").daemon().factory());

    LiveRechecks() {
        timer.scheduleWithFixedDelay(this::round, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    void add(LiveSocket socket, Recheck recheck) {
        open.put(socket, recheck);
    }

    void remove(LiveSocket socket) {
        open.remove(socket);
    }

    private void round() {
        Map<String, Optional<Principal>> resolved = new HashMap<>();
        try {
            open.forEach((socket, recheck) -> {
                if (!recheck.stillAllowed(resolved)) {
                    open.remove(socket);
                    socket.revoked();
                }
            });
        } catch (RuntimeException e) {
            // A lookup that fails (the database reopening) is not a revocation: the sockets are asked again next round.
            LOG.warn("re-checking live sockets failed, retried in {}: {}", PERIOD, e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
