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

    /**
     * Issue 17: a rendition was measured running the camera's uptime (18–20 s) behind the camera's own stream. A
     * camera's timestamps start near its uptime; every picture of the derived stream must carry the timestamps of
     * the camera picture it was made from (same 90 kHz timescale, no rebasing), and a viewer joining the running
     * transcode must start at once, at the derived stream's latest keyframe, which is the camera's latest keyframe.
     * Timestamps are compared, never wall time, so a loaded machine only makes it slower.
     */
    @Test
    void theRenditionKeepsTheCamerasTimelineAndAJoiningViewerStartsAtTheCamerasLatestKeyframe() throws Exception {
        long uptime = 19 * 90_000L;
        List<AccessUnit> units = FfmpegLiveTranscoderTest.units(io.argus.testkit.SampleMedia.H265_360P25,
                Codec.H265);
        units.forEach(au -> au.retime(au.pts() + uptime, au.dts() + uptime));
        long[] sourcePts = units.stream().mapToLong(AccessUnit::pts).toArray();
        List<Integer> keyframes = new java.util.ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            if (units.get(i).keyframe()) {
                keyframes.add(i);
            }
        }
        assertThat(keyframes).as("the sample needs two GOPs").hasSizeGreaterThanOrEqualTo(2);
        // The late viewer joins a few pictures into the last GOP: it must start at that GOP's keyframe.
        int joinAfter = keyframes.getLast() + 3;
        assertThat(joinAfter).isLessThan(units.size());

        Stream source = new Stream("cam", List.of(new MediaFormat.H265(null, null, null)), camera);
        List<long[]> early = new CopyOnWriteArrayList<>();
        CompletableFuture<String> ended = new CompletableFuture<>();
        StreamTranscoder t = StreamTranscoder.start(source, Rendition.P360, Hardware.NONE, worker, writer,
                PooledByteBufAllocator.DEFAULT, new StreamTranscoder.Listener() {
                    @Override
                    public void live(Stream derived) {
                        // Before the first picture is published (the writer runs this attach first): sees all.
                        derived.attach(recorder(early), Runnable::run, 1024);
                    }

                    @Override
                    public void ended(String reason) {
                        ended.complete(reason);
                    }
                });
        awaitAttached(source);
        for (int i = 0; i <= joinAfter; i++) {
            publishPaced(source, units.get(i), t);
        }
        await(() -> t.pictures() == joinAfter + 1);
        List<long[]> late = new CopyOnWriteArrayList<>();
        t.derived().attach(recorder(late), Runnable::run, 1024);
        await(() -> !late.isEmpty());
        for (int i = joinAfter + 1; i < units.size(); i++) {
            publishPaced(source, units.get(i), t);
        }
        await(() -> t.pictures() == units.size());
        await(() -> early.size() == units.size());
        source.close();
        assertThat(ended.get(30, TimeUnit.SECONDS)).isEqualTo("the camera's stream ended");

        System.out.printf("rendition timeline: camera's first picture pts %d (%.3f s), the rendition's %d (%.3f s);"
                + " a viewer joining at the camera's picture %d (pts %d) started at the rendition's pts %d%n",
                sourcePts[0], sourcePts[0] / 90_000.0, early.getFirst()[0], early.getFirst()[0] / 90_000.0,
                joinAfter, sourcePts[joinAfter], late.getFirst()[0]);
        assertThat(t.skipped()).isZero();
        for (int i = 0; i < units.size(); i++) {
            assertThat(early.get(i)[0]).as("pts of picture " + i).isEqualTo(sourcePts[i]);
            assertThat(early.get(i)[1] == 1).as("keyframe flag of picture " + i).isEqualTo(keyframes.contains(i));
        }
        assertThat(late.getFirst()[1]).as("the joining viewer starts at a keyframe").isEqualTo(1);
        assertThat(late.getFirst()[0]).as("… the camera's latest keyframe").isEqualTo(
                sourcePts[keyframes.getLast()]);
    }

    /** Records each unit's pts and keyframe flag, and releases it. */
    private static StreamConsumer recorder(List<long[]> seen) {
        return au -> {
            seen.add(new long[] {au.pts(), au.keyframe() ? 1 : 0});
            au.release();
        };
    }

    /** Paced like a camera: faster than real time, but never more than half the reader's queue ahead. */
    private void publishPaced(Stream source, AccessUnit au, StreamTranscoder t) throws Exception {
        camera.submit(() -> source.publish(au)).get();
        await(() -> t.queued() < StreamTranscoder.QUEUE_CAPACITY / 2);
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
