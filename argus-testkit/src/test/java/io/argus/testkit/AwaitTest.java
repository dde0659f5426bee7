package io.argus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The failure message is built only when the wait times out, from the state at that moment. */
class AwaitTest {
    @Test
    void aConditionThatHoldsNeverBuildsTheMessage() {
        AtomicInteger built = new AtomicInteger();
        Supplier<String> what = () -> {
            built.incrementAndGet();
            throw new IllegalStateException("the message is not ready to be built yet");
        };
        Await.until(Duration.ofSeconds(1), () -> true, what);
        Await.until(Duration.ofSeconds(1), Duration.ofMillis(1), () -> true, what);
        assertThat(built).hasValue(0);
    }

    @Test
    void aTimeoutDescribesTheStateAtTheTimeout() {
        AtomicInteger polls = new AtomicInteger();
        assertThatThrownBy(() -> Await.until(Duration.ofMillis(30), Duration.ofMillis(1),
                () -> polls.incrementAndGet() < 0, () -> "a negative count (" + polls.get() + " polls)"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("timed out after PT0.03S waiting for a negative count (")
                .hasMessageNotContaining("(0 polls)");
    }
}
