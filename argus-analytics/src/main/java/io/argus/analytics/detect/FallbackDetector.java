package io.argus.analytics.detect;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A primary detector (typically a remote GPU pool over the Open Inference Protocol) with a fallback (the local ONNX
 * Runtime path): a call the primary fails — error, timeout, overload — is redone on the fallback, so frames are
 * analysed either way. Counts the calls that fell back.
 */
public final class FallbackDetector implements DetectorBackend {
    private static final Logger log = LoggerFactory.getLogger(FallbackDetector.class);

    private final DetectorBackend primary;
    private final DetectorBackend fallback;
    private final AtomicLong fallbacks = new AtomicLong();
    private volatile long lastWarnNanos = System.nanoTime() - TimeUnit.SECONDS.toNanos(2);

    public FallbackDetector(DetectorBackend primary, DetectorBackend fallback) {
        this.primary = primary;
        this.fallback = fallback;
    }

    @Override
    public List<List<Detection>> detect(List<Frame> frames) throws DetectorException {
        try {
            return primary.detect(frames);
        } catch (DetectorException e) {
            long n = fallbacks.incrementAndGet();
            long now = System.nanoTime();
            // At most one line a second: a pool that is down fails every call.
            if (now - lastWarnNanos > TimeUnit.SECONDS.toNanos(1)) {
                lastWarnNanos = now;
                log.warn("{} failed ({} calls fell back to {} so far): {}", primary.name(), n, fallback.name(),
                        e.getMessage());
            }
            return fallback.detect(frames);
        }
    }

    /** Calls the primary failed and the fallback answered (or tried to). */
    public long fallbacks() {
        return fallbacks.get();
    }

    @Override
    public String name() {
        return primary.name() + " (fallback " + fallback.name() + ")";
    }

    /** Closes both. */
    @Override
    public void close() {
        try {
            primary.close();
        } finally {
            fallback.close();
        }
    }
}
