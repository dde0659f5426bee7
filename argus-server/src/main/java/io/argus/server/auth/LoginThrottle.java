package io.argus.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed-login counting with lockout, per user and per source address: {@code maxFailures} failures within
 * {@code window} lock that user (or {@code maxFailuresPerSource} that address) for {@code lockout}. A locked
 * attempt is refused before its password is checked, so guessing gains nothing and costs the server nothing.
 *
 * <p>Kept in memory, per node: a restart forgets it, and in a cluster each node counts alone (an attacker
 * spread over N nodes gets N times the attempts). The user's counter is cleared by a successful login.
 */
public final class LoginThrottle {
    /**
     * Most addresses and users tracked at once; past it the oldest state is dropped, so a flood of made-up
     * usernames cannot exhaust memory (it only shortens the memory of failures).
     */
    static final int MAX_KEYS = 100_000;

    private final LockoutConfig config;
    private final Clock clock;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public LoginThrottle(LockoutConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** When the user or the address is locked now: how long until it may try again. */
    public Optional<Duration> locked(String userKey, String source) {
        Instant now = clock.instant();
        Duration a = remaining(userKey(userKey), now);
        Duration b = remaining(sourceKey(source), now);
        Duration max = a.compareTo(b) >= 0 ? a : b;
        return max.isZero() ? Optional.empty() : Optional.of(max);
    }

    public void failed(String userKey, String source) {
        if (counters.size() >= MAX_KEYS) {
            counters.clear();
        }
        Instant now = clock.instant();
        count(userKey(userKey), now, config.maxFailures());
        count(sourceKey(source), now, config.maxFailuresPerSource());
    }

    public void succeeded(String userKey) {
        counters.remove(userKey(userKey));
    }

    private Duration remaining(String key, Instant now) {
        Counter c = counters.get(key);
        if (c == null) {
            return Duration.ZERO;
        }
        synchronized (c) {
            return c.lockedUntil != null && now.isBefore(c.lockedUntil) ? Duration.between(now, c.lockedUntil)
                    : Duration.ZERO;
        }
    }

    private void count(String key, Instant now, int max) {
        Counter c = counters.computeIfAbsent(key, k -> new Counter());
        synchronized (c) {
            Instant since = now.minus(config.window());
            while (!c.failures.isEmpty() && !c.failures.peekFirst().isAfter(since)) {
                c.failures.pollFirst();
            }
            c.failures.addLast(now);
            if (c.failures.size() >= max) {
                c.lockedUntil = now.plus(config.lockout());
                c.failures.clear();
            }
        }
    }

    private static String userKey(String k) {
        return "u:" + k;
    }

    private static String sourceKey(String s) {
        return "s:" + s;
    }

    private static final class Counter {
        final Deque<Instant> failures = new ArrayDeque<>();
        Instant lockedUntil;
    }
}
