package io.argus.server.roles;

import io.argus.media.rtsp.server.RtspCredentials;
import io.argus.server.auth.CheckedCredential;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RTSP server's credential checks: each costs an Argon2 hash (tens of milliseconds of a core), so they are
 * shared, kept and bounded. The outcome is kept for {@link #CACHE_TTL} per credential, so the requests of one
 * session (DESCRIBE, SETUP per track, PLAY) cost one check and a role change reaches RTSP within that time; a
 * credential being checked is checked once, whoever else presents it meanwhile waits for that check; and checks run
 * on a few threads with a bounded queue, past which a request is refused as busy (RTSP 503) rather than queued
 * without end. With the RTSP connection preparing one request at a time, 300 pipelined requests with one fresh
 * credential cost one check instead of 300. A credential whose open session {@link io.argus.server.auth.SessionRechecks} ends is
 * forgotten at once, so it is not let in again on its cached outcome.
 */
final class RtspCredentialChecks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RtspCredentialChecks.class);

    /** How long a checked credential is trusted before it is checked again. */
    static final Duration CACHE_TTL = Duration.ofSeconds(30);

    /** Most credentials remembered; past it the cache is cleared rather than grown. */
    static final int MAX_CACHED = 10_000;

    /**
     * Threads checking: half the cores, at least one. Whatever credentials a flood of clients makes up, the other
     * half is left to the video and the API.
     */
    static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

    /**
     * Checks waiting for a thread; more are refused as busy. At 40-80 ms a check on one thread, 64 is a wait of
     * a few seconds, about what a player waits before it retries anyway.
     */
    static final int QUEUE = 64;

    /** One check of credentials that are not cached: a password hash, a token lookup. May block. */
    @FunctionalInterface
    interface Check {
        /** @return the credential as checked, or empty when it is wrong */
        Optional<CheckedCredential> run(RtspCredentials credentials, String source);
    }

    private record Checked(Optional<CheckedCredential> credential, Instant until) {
    }

    private final Check check;
    private final Clock clock;
    private final ThreadPoolExecutor executor;
    private final Map<String, Checked> cached = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> running = new ConcurrentHashMap<>();
    private final LongAdder started = new LongAdder();

    RtspCredentialChecks(Check check, Clock clock, int threads, int queue) {
        this.check = check;
        this.clock = clock;
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queue), Thread.ofPlatform().name("rtsp-auth-", 0).daemon().factory());
    }

    /**
     * Done when {@link #principal} knows these credentials' outcome: at once when cached, else when the check
     * (this one's, or the one already running for the same credentials) is done. Fails with a
     * {@link RejectedExecutionException} when too many checks are waiting, or with what the check threw.
     *
     * @param credentials null for a request without any (nothing to check)
     */
    CompletableFuture<Void> prepare(RtspCredentials credentials, String source) {
        if (credentials == null) {
            return CompletableFuture.completedFuture(null);
        }
        String key = key(credentials);
        try {
            // Atomic per key with the removal once a check has cached its outcome: a request either joins the
            // running check or finds its outcome cached, never starts a second one.
            CompletableFuture<Void> f = running.compute(key, (k, r) -> r != null ? r : fresh(k) ? null
                    : start(k, credentials, source));
            return f != null ? f : CompletableFuture.completedFuture(null);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The outcome {@link #prepare} readied: the credential, or empty when it is wrong or unchecked. */
    Optional<CheckedCredential> credential(RtspCredentials credentials) {
        Checked c = cached.get(key(credentials));
        return c == null ? Optional.empty() : c.credential();
    }

    /**
     * Forgets a credential's outcome: an open session of it was found revoked, so the next request with it is
     * checked afresh rather than let in on the cached outcome.
     *
     * @param key the credential's {@link #key}
     */
    void forget(String key) {
        cached.remove(key);
    }

    /** Checks started since this was made: what pipelined and concurrent requests with one credential share. */
    long started() {
        return started.sum();
    }

    private boolean fresh(String key) {
        Checked c = cached.get(key);
        return c != null && c.until().isAfter(clock.instant());
    }

    private CompletableFuture<Void> start(String key, RtspCredentials credentials, String source) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                Optional<CheckedCredential> p = check.run(credentials, source);
                if (cached.size() >= MAX_CACHED) {
                    cached.clear();
                }
                cached.put(key, new Checked(p, clock.instant().plus(CACHE_TTL)));
                running.remove(key, f);
                f.complete(null);
            } catch (RuntimeException e) {
                LOG.warn("checking the RTSP credentials of {} failed: {}", credentials.username(), e.toString(), e);
                running.remove(key, f);
                f.completeExceptionally(e);
            }
        });
        started.increment();
        return f;
    }

    /** The cache key: a hash of user name and password (Digest credentials never match, having no password). */
    static String key(RtspCredentials c) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(c.username().getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            d.update(c.basicPassword().orElse("\u0000digest").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java SE spec", e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
