package io.argus.media.hls;

import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;

/**
 * A blocked request: answered by {@link #poll()} once its condition holds, or failed at its deadline or when the
 * muxer stops. Touched only on the muxer's loop.
 *
 * @param <T> the answer; a reference-counted answer that loses the race with a cancelled future is released
 */
final class LlHlsWaiter<T> {
    /** Gives the answer when ready, null while not. */
    private final Supplier<T> answer;
    final CompletableFuture<T> future;
    private ScheduledFuture<?> deadline;

    LlHlsWaiter(Supplier<T> answer, CompletableFuture<T> future) {
        this.answer = answer;
        this.future = future;
    }

    void deadline(ScheduledFuture<?> timer) {
        this.deadline = timer;
    }

    /** Completes the future if the answer is ready (or the caller gave up); true when done. */
    boolean poll() {
        if (future.isDone()) {
            cancelDeadline();
            return true;
        }
        T value = answer.get();
        if (value == null) {
            return false;
        }
        if (!future.complete(value)) {
            ReferenceCountUtil.release(value);
        }
        cancelDeadline();
        return true;
    }

    void fail(LlHlsException e) {
        future.completeExceptionally(e);
        cancelDeadline();
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel(false);
        }
    }
}
