package io.argus.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition with a deadline, polling briefly (no fixed sleeps in tests). The failure message is built
 * only on a timeout, from the state then: never on a wait that succeeds, never from the state at the start.
 */
public final class Await {
    /** How often {@link #until(Duration, BooleanSupplier, Supplier)} polls: cheap in-process conditions. */
    private static final Duration FAST_POLL = Duration.ofMillis(2);

    private Await() {
    }

    public static void until(Duration timeout, BooleanSupplier condition, Supplier<String> what) {
        until(timeout, FAST_POLL, condition, what);
    }

    /** As {@link #until(Duration, Duration, BooleanSupplier, Supplier)} with a fixed description. */
    public static void until(Duration timeout, Duration poll, BooleanSupplier condition, String what) {
        until(timeout, poll, condition, () -> what);
    }

    /**
     * Polls {@code condition} every {@code poll} until it holds or {@code timeout} passes (then fails naming
     * {@code what}, asked then). A longer poll suits conditions that cost a request to a running server.
     */
    public static void until(Duration timeout, Duration poll, BooleanSupplier condition, Supplier<String> what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what.get());
            }
            try {
                Thread.sleep(poll);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what.get());
            }
        }
    }
}
