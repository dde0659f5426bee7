package io.argus.media.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.Codec;
import io.argus.media.codec.MediaFormat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamTest {
    private static final List<MediaFormat> H264_AAC = List.of(
            new MediaFormat.H264(new byte[] {0x67, 0x64, 0, 0x28}, new byte[] {0x68, (byte) 0xee}),
            new MediaFormat.Aac(new byte[] {0x11, (byte) 0x90}, 48_000, 2));

    /** Runs tasks when told to, on the test thread: a deterministic stand-in for an event loop. */
    static final class ManualExecutor implements Executor {
        final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable r) {
            tasks.add(r);
        }

        void runAll() {
            for (Runnable r = tasks.poll(); r != null; r = tasks.poll()) {
                r.run();
            }
        }
    }

    static class Collecting implements StreamConsumer {
        final List<AccessUnit> got = new ArrayList<>();
        boolean ready = true;
        int closes;

        @Override
        public void onAccessUnit(AccessUnit au) {
            got.add(au);
        }

        @Override
        public boolean isReady() {
            return ready;
        }

        @Override
        public void onClose() {
            closes++;
        }

        void releaseAll() {
            got.forEach(AccessUnit::release);
            got.clear();
        }
    }

    private final List<ByteBuf> payloads = new ArrayList<>();
    private final ManualExecutor writer = new ManualExecutor();
    private final ManualExecutor readerLoop = new ManualExecutor();

    @AfterEach
    void noLeaks() {
        assertThat(payloads).allSatisfy(b -> assertThat(b.refCnt()).as("payload refCnt").isZero());
    }

    private AccessUnit video(long pts, boolean key) {
        ByteBuf b = PooledByteBufAllocator.DEFAULT.directBuffer(100).writeZero(100);
        payloads.add(b);
        return AccessUnit.of(0, Codec.H264, pts, key, b, System.nanoTime());
    }

    private AccessUnit audio(long pts) {
        ByteBuf b = PooledByteBufAllocator.DEFAULT.directBuffer(10).writeZero(10);
        payloads.add(b);
        return AccessUnit.of(1, Codec.AAC, pts, true, b, System.nanoTime());
    }

    @Test
    void fansOutTheSameBuffersToEveryReader() {
        Stream s = new Stream("cam", H264_AAC, writer);
        Collecting a = new Collecting();
        Collecting b = new Collecting();
        s.attach(a, readerLoop, 16);
        s.attach(b, readerLoop, 16);
        writer.runAll();
        AccessUnit key = video(0, true);
        ByteBuf payload = key.unit(0);
        s.publish(key);
        readerLoop.runAll();
        assertThat(a.got).hasSize(1);
        assertThat(b.got).hasSize(1);
        assertThat(a.got.get(0)).isSameAs(b.got.get(0));
        assertThat(a.got.get(0).unit(0)).isSameAs(payload);
        assertThat(payload.refCnt()).isEqualTo(1);
        assertThat(key.refCnt()).as("one reference per reader plus the GOP cache").isEqualTo(3);
        a.releaseAll();
        b.releaseAll();
        s.close();
        writer.runAll();
        readerLoop.runAll();
        assertThat(a.closes).isEqualTo(1);
    }

    @Test
    void newReaderStartsOnTheCachedKeyframe() {
        Stream s = new Stream("cam", H264_AAC, writer);
        s.publish(video(0, false));
        s.publish(video(3600, true));
        s.publish(audio(1000));
        s.publish(video(7200, false));
        Collecting late = new Collecting();
        s.attach(late, readerLoop, 16);
        writer.runAll();
        readerLoop.runAll();
        assertThat(late.got).extracting(AccessUnit::pts).containsExactly(3600L, 1000L, 7200L);
        assertThat(late.got.get(0).keyframe()).isTrue();
        late.releaseAll();
        s.close();
        writer.runAll();
        readerLoop.runAll();
    }

    /**
     * A source that starts mid-GOP (a camera already streaming when we connect; found against gst-rtsp-server
     * with a shared pipeline): a reader attached before the first keyframe starts on it, and what it skipped
     * is not counted as dropped.
     */
    @Test
    void readerAttachedBeforeTheFirstKeyframeStartsOnIt() {
        Stream s = new Stream("cam", H264_AAC, writer);
        Collecting early = new Collecting();
        StreamReader reader = s.attach(early, readerLoop, 16);
        writer.runAll();
        s.publish(video(0, false));
        s.publish(audio(1000));
        s.publish(video(3600, false));
        s.publish(video(7200, true));
        s.publish(audio(8000));
        s.publish(video(10800, false));
        readerLoop.runAll();
        assertThat(early.got).extracting(AccessUnit::pts).containsExactly(7200L, 8000L, 10800L);
        assertThat(reader.dropped()).isZero();
        assertThat(s.droppedByReaders()).isZero();
        early.releaseAll();
        s.close();
        writer.runAll();
        readerLoop.runAll();
    }

    @Test
    void slowReaderSkipsToNextKeyframeWithoutStallingOthers() {
        Stream s = new Stream("cam", H264_AAC, writer);
        Collecting slow = new Collecting();
        slow.ready = false;
        Collecting fast = new Collecting();
        StreamReader slowReader = s.attach(slow, readerLoop, 4);
        s.attach(fast, readerLoop, 4);
        writer.runAll();
        s.publish(video(0, true));
        for (int i = 1; i <= 9; i++) {
            s.publish(video(i * 3600L, false));
            readerLoop.runAll();
            fast.releaseAll();
        }
        assertThat(slowReader.queued()).isEqualTo(4);
        assertThat(slowReader.dropped()).isEqualTo(6);
        assertThat(s.droppedByReaders()).isEqualTo(1);
        slow.ready = true;
        slowReader.resume();
        readerLoop.runAll();
        assertThat(slow.got).extracting(AccessUnit::pts).containsExactly(0L, 3600L, 7200L, 10800L);
        slow.releaseAll();
        s.publish(video(36000, false));
        s.publish(video(39600, true));
        s.publish(video(43200, false));
        readerLoop.runAll();
        assertThat(slow.got).extracting(AccessUnit::pts).containsExactly(39600L, 43200L);
        assertThat(slowReader.dropped()).isEqualTo(7);
        slow.releaseAll();
        fast.releaseAll();
        s.close();
        writer.runAll();
        readerLoop.runAll();
    }

    @Test
    void aReaderBehindItsCameraGivesItsThreadBackAfterEachBatch() {
        Stream s = new Stream("cam", H264_AAC, writer);
        int[] next = {1};
        Collecting chasing = new Collecting() {
            @Override
            public void onAccessUnit(AccessUnit au) {
                super.onAccessUnit(au);
                // The camera is always a unit ahead: the queue never empties while the reader reads.
                if (next[0] < 1000) {
                    s.publish(video(next[0]++ * 3600L, false));
                }
            }
        };
        StreamReader reader = s.attach(chasing, readerLoop, 16);
        writer.runAll();
        s.publish(video(0, true));
        readerLoop.tasks.poll().run();
        assertThat(chasing.got).hasSize(StreamReader.MAX_BATCH);
        assertThat(readerLoop.tasks).as("the drain queued itself again behind other tasks").hasSize(1);
        readerLoop.tasks.poll().run();
        assertThat(chasing.got).hasSize(2 * StreamReader.MAX_BATCH);
        reader.close();
        writer.runAll();
        readerLoop.runAll();
        assertThat(chasing.got).as("nothing more once closed").hasSize(2 * StreamReader.MAX_BATCH);
        assertThat(chasing.closes).isEqualTo(1);
        chasing.releaseAll();
        s.close();
        writer.runAll();
        readerLoop.runAll();
    }

    @Test
    void closingAReaderReleasesWhatItHadQueued() {
        Stream s = new Stream("cam", H264_AAC, writer);
        Collecting c = new Collecting();
        c.ready = false;
        StreamReader r = s.attach(c, readerLoop, 8);
        writer.runAll();
        s.publish(video(0, true));
        s.publish(video(3600, false));
        r.close();
        writer.runAll();
        readerLoop.runAll();
        assertThat(c.got).isEmpty();
        assertThat(c.closes).isEqualTo(1);
        assertThat(s.readerCount()).isZero();
        s.close();
        writer.runAll();
    }

    @Test
    void gopCacheIsBoundedForEndlessGops() {
        Stream s = new Stream("cam", H264_AAC, writer);
        s.publish(video(0, true));
        for (int i = 1; i <= Stream.MAX_GOP_UNITS + 5; i++) {
            s.publish(video(i, false));
        }
        Collecting late = new Collecting();
        s.attach(late, readerLoop, 16);
        writer.runAll();
        readerLoop.runAll();
        assertThat(late.got).as("cache dropped rather than grown without bound").isEmpty();
        s.publish(video(99_998, false));
        readerLoop.runAll();
        assertThat(late.got).as("a late reader waits for the next keyframe").isEmpty();
        s.publish(video(99_999, true));
        readerLoop.runAll();
        assertThat(late.got).hasSize(1);
        late.releaseAll();
        s.close();
        writer.runAll();
        readerLoop.runAll();
    }

    @Test
    void concurrentPublishAndReadersKeepOrderAndLeakNothing() throws Exception {
        ExecutorService writerThread = Executors.newSingleThreadExecutor();
        ExecutorService readerThreads = Executors.newFixedThreadPool(3);
        try {
            Stream s = new Stream("cam", H264_AAC, writerThread);
            List<long[]> lasts = new ArrayList<>();
            List<StreamReader> readers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                long[] last = {-1, 0};
                lasts.add(last);
                Executor serial = serialOn(readerThreads);
                readers.add(s.attach(new StreamConsumer() {
                    @Override
                    public void onAccessUnit(AccessUnit au) {
                        if (au.pts() <= last[0]) {
                            last[1]++;
                        }
                        last[0] = au.pts();
                        au.release();
                    }
                }, serial, 64));
            }
            int n = 20_000;
            writerThread.submit(() -> {
                for (int i = 0; i < n; i++) {
                    s.publish(video(i, i % 25 == 0));
                }
            }).get(30, TimeUnit.SECONDS);
            readers.forEach(StreamReader::close);
            s.close();
            writerThread.submit(() -> { }).get();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (payloads.stream().anyMatch(b -> b.refCnt() > 0) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(lasts).allSatisfy(l -> assertThat(l[1]).as("out-of-order deliveries").isZero());
        } finally {
            writerThread.shutdownNow();
            readerThreads.shutdownNow();
        }
    }

    /** An executor that runs its tasks one at a time, in order, on a shared pool (like a Netty event loop). */
    private static Executor serialOn(ExecutorService pool) {
        return new Executor() {
            private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
            private boolean running;

            @Override
            public synchronized void execute(Runnable r) {
                queue.add(r);
                if (!running) {
                    running = true;
                    pool.execute(this::runNext);
                }
            }

            private void runNext() {
                Runnable r;
                synchronized (this) {
                    r = queue.poll();
                    if (r == null) {
                        running = false;
                        return;
                    }
                }
                r.run();
                pool.execute(this::runNext);
            }
        };
    }
}
