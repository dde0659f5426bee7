package io.argus.media.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.Codec;
import io.argus.media.codec.MediaFormat;
import io.argus.media.stream.Stream;
import io.argus.media.stream.StreamConsumer;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamTranscoderTest {
    private final ExecutorService camera = Executors.newSingleThreadExecutor();
    private final ExecutorService worker = Executors.newSingleThreadExecutor();
    private final ExecutorService writer = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() throws InterruptedException {
        camera.shutdown();
        worker.shutdown();
        writer.shutdown();
        assertThat(writer.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(camera.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(worker.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void theDerivedStreamCarriesTheTranscodeAndEndsWithTheCamerasStream() throws Exception {
        List<AccessUnit> units = FfmpegLiveTranscoderTest.units(io.argus.testkit.SampleMedia.H265_360P25,
                Codec.H265);
        Stream source = new Stream("cam", List.of(new MediaFormat.H265(null, null, null)), camera);
        CompletableFuture<Stream> live = new CompletableFuture<>();
        CompletableFuture<String> ended = new CompletableFuture<>();
        StreamTranscoder t = StreamTranscoder.start(source, Rendition.H264, Hardware.NONE, worker,
                writer, PooledByteBufAllocator.DEFAULT, new StreamTranscoder.Listener() {
                    @Override
                    public void live(Stream derived) {
                        live.complete(derived);
                    }

                    @Override
                    public void ended(String reason) {
                        ended.complete(reason);
                    }
                });
        awaitAttached(source);
        // Paced like a camera, faster than real time but never more than half the reader's queue ahead.
        for (AccessUnit au : units) {
            camera.submit(() -> source.publish(au)).get();
            await(() -> t.queued() < StreamTranscoder.QUEUE_CAPACITY / 2);
        }
        Stream derived = live.get(30, TimeUnit.SECONDS);
        assertThat(derived.formats()).singleElement().isInstanceOf(MediaFormat.H264.class);
        List<AccessUnit> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        derived.attach(new StreamConsumer() {
            @Override
            public void onAccessUnit(AccessUnit au) {
                seen.add(au);
            }

            @Override
            public void onClose() {
                closed.complete(null);
            }
        }, Runnable::run, 256);
        await(() -> t.pictures() == units.size());
        assertThat(t.skipped()).isZero();
        source.close();
        assertThat(ended.get(10, TimeUnit.SECONDS)).isEqualTo("the camera's stream ended");
        closed.get(10, TimeUnit.SECONDS);
        try {
            // A late reader starts from the derived stream's GOP cache, at a keyframe.
            assertThat(seen).isNotEmpty();
            assertThat(seen.getFirst().keyframe()).isTrue();
            assertThat(seen).allMatch(au -> au.codec() == Codec.H264);
            // The sample's units say they were received at time 0, before the transcode started, like a cached GOP:
            // none of them counts as latency.
            assertThat(t.latency().count()).isZero();
        } finally {
            seen.forEach(AccessUnit::release);
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 60 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private void awaitAttached(Stream s) throws Exception {
        for (int i = 0; i < 1000 && s.readerCount() == 0; i++) {
            camera.submit(() -> { }).get();
        }
        assertThat(s.readerCount()).isEqualTo(1);
    }
}
