package io.argus.testkit.leak;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty's leak detector reported a leaked buffer while it (or a class before it in
 * the same JVM) ran. Registered through {@code META-INF/services} and
 * {@code junit.jupiter.extensions.autodetection.enabled=true} (set in the parent POM's surefire setup), so no
 * test can forget it. Surefire runs with {@code -Dio.netty.leakDetection.level=paranoid}, so every buffer is
 * tracked.
 */
public final class LeakFailExtension implements AfterAllCallback {
    private static final List<String> LEAKS = new ArrayList<>();

    static {
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        for (int round = 0; round < 3; round++) {
            System.gc();
            Thread.sleep(20);
            pokeDetectors();
        }
        List<String> found;
        synchronized (LEAKS) {
            found = List.copyOf(LEAKS);
            LEAKS.clear();
        }
        if (!found.isEmpty()) {
            throw new AssertionError("Netty buffer leak(s) detected by the end of "
                    + context.getDisplayName() + ":\n" + String.join("\n----\n", found));
        }
    }

    /** The detector drains its queue of collected, unreleased buffers when a new buffer is tracked. */
    private static void pokeDetectors() {
        for (int i = 0; i < 8; i++) {
            ByteBuf a = PooledByteBufAllocator.DEFAULT.directBuffer(1);
            ByteBuf b = Unpooled.directBuffer(1);
            ByteBuf c = PooledByteBufAllocator.DEFAULT.heapBuffer(1);
            a.release();
            b.release();
            c.release();
        }
    }

    private static final class RecordingFactory extends ResourceLeakDetectorFactory {
        @Override
        @SuppressWarnings("deprecation")
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
                                                                   long maxActive) {
            return new ResourceLeakDetector<>(resource, samplingInterval) {
                @Override
                protected void reportTracedLeak(String resourceType, String records) {
                    record("LEAK: " + resourceType + records);
                    super.reportTracedLeak(resourceType, records);
                }

                @Override
                protected void reportUntracedLeak(String resourceType) {
                    record("LEAK: " + resourceType + " (no records)");
                    super.reportUntracedLeak(resourceType);
                }
            };
        }

        private static void record(String leak) {
            synchronized (LEAKS) {
                LEAKS.add(leak);
            }
        }
    }
}
