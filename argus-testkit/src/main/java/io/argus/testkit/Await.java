package io.argus.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline, polling briefly (no fixed sleeps in tests). */
public final class Await {
    /** How often {@link #until(Duration, BooleanSupplier, Supplier)} polls: cheap in-process conditions. */
    private static final Duration FAST_POLL = Duration.ofMillis(2);

    private Await() {
    }

    public static void until(Duration timeout, BooleanSupplier condition, Supplier<String> what) {
        until(timeout, FAST_POLL, condition, what.get());
    }

    /**
     * Polls {@code condition} every {@code poll} until it holds or {@code timeout} passes (then fails naming
     * {@code what}). A longer poll suits conditions that cost a request to a running server.
     */
    public static void until(Duration timeout, Duration poll, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(poll);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }
}
