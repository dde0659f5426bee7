package io.argus.storage.record;

import io.argus.storage.chunk.ChunkInfo;
import io.argus.storage.chunk.ChunkKey;
import io.argus.storage.chunk.ChunkPrefix;
import io.argus.storage.chunk.ChunkWriter;
import io.argus.storage.chunk.ForwardingVolumeStore;
import io.argus.storage.chunk.VolumeStore;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real store with the disk's behaviour under the test's control: counts the recorder's syncs, can stall the next
 * fragment write (a slow disk), and can fail a camera's writes with an {@link Error} (as running out of direct
 * memory would), which nothing in the recorder catches.
 */
final class InstrumentedStore extends ForwardingVolumeStore {
    /** How long a stalled write waits for the test to let it go before giving up, so a failed test cannot hang. */
    private static final Duration STALL_LIMIT = Duration.ofSeconds(30);

    final AtomicInteger syncs = new AtomicInteger();
    final AtomicInteger failedWrites = new AtomicInteger();
    private volatile CountDownLatch stalled;
    private volatile CountDownLatch release;
    private volatile UUID failWrites;

    InstrumentedStore(VolumeStore delegate) {
        super(delegate);
    }

    /** The next fragment write blocks (see {@link #awaitStalled}) until {@link #release()}. */
    void stallNextAppend() {
        release = new CountDownLatch(1);
        stalled = new CountDownLatch(1);
    }

    void awaitStalled() throws InterruptedException {
        if (!stalled.await(STALL_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("the recorder never wrote a fragment to stall on");
        }
    }

    void release() {
        release.countDown();
    }

    /** The camera's writes from now on fail with an {@link Error}; its chunk is dropped. */
    void failWrites(UUID camera) {
        failWrites = camera;
    }

    @Override
    public ChunkWriter create(ChunkKey key) throws IOException {
        return new Writer(delegate.create(key));
    }

    private final class Writer implements ChunkWriter {
        private final ChunkWriter inner;

        Writer(ChunkWriter inner) {
            this.inner = inner;
        }

        @Override
        public ChunkKey key() {
            return inner.key();
        }

        @Override
        public void append(ByteBuf fragment) throws IOException {
            if (key().camera().equals(failWrites)) {
                inner.abort();
                failedWrites.incrementAndGet();
                throw new InjectedError("writing to chunk " + key() + " failed");
            }
            CountDownLatch s = stalled;
            if (s != null && s.getCount() > 0 && inner.bytes() > 0) {
                s.countDown();
                try {
                    if (!release.await(STALL_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                        throw new IOException("stalled write never released");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted in a stalled write", e);
                }
            }
            inner.append(fragment);
        }

        @Override
        public void sync() throws IOException {
            syncs.incrementAndGet();
            inner.sync();
        }

        @Override
        public ChunkPrefix written() {
            return inner.written();
        }

        @Override
        public long bytes() {
            return inner.bytes();
        }

        @Override
        public ChunkInfo finish() throws IOException {
            return inner.finish();
        }

        @Override
        public ChunkInfo close() throws IOException {
            return inner.close();
        }

        @Override
        public void abort() {
            inner.abort();
        }
    }

    /** A failure nothing on the recorder's path catches, as {@code OutOfDirectMemoryError} is. */
    static final class InjectedError extends Error {
        private static final long serialVersionUID = 1L;

        InjectedError(String message) {
            super(message);
        }
    }
}
