package io.argus.media.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.Codec;
import io.argus.media.codec.MediaFormat;
import io.argus.media.stream.Stream;
import io.argus.testkit.ManualClock;
import io.argus.testkit.SampleMedia;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real {@link Stream} on its own writer thread, fed the sample's units as a camera would. */
class KeyframeGrabberTest {
    private ExecutorService writer;
    private List<AccessUnit> units;
    private Stream stream;

    @BeforeEach
    void setUp() {
        writer = Executors.newSingleThreadExecutor();
        units = Samples.units(SampleMedia.H264_360P25, Codec.H264);
        stream = new Stream("cam", List.of(Samples.format(units.get(0))), writer);
    }

    @AfterEach
    void tearDown() throws Exception {
        stream.close();
        onWriter(() -> { });
        writer.shutdown();
        assertThat(writer.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        units.forEach(AccessUnit::release);
        assertThat(units).allSatisfy(u -> assertThat(u.refCnt()).as("sample unit released").isZero());
    }

    /** Publishes units [from, to) on the writer thread, each retained (the stream takes ownership). */
    private void publish(int from, int to) throws Exception {
        onWriter(() -> {
            for (int i = from; i < to; i++) {
                stream.publish(units.get(i).retain());
            }
        });
    }

    private void onWriter(Runnable r) throws Exception {
        CompletableFuture.runAsync(r, writer).get(10, TimeUnit.SECONDS);
    }

    @Test
    void takesTheCachedKeyframeAndLeavesNoReader() throws Exception {
        publish(0, 10);
        try (LiveKeyframe k = KeyframeGrabber.grab(stream, Duration.ofSeconds(10))) {
            assertThat(k.unit()).isSameAs(units.get(0));
            assertThat(k.unit().keyframe()).isTrue();
            assertThat(k.format()).isEqualTo(stream.formats().get(0));
        }
        onWriter(() -> { });
        assertThat(stream.readerCount()).isZero();
        // Held by the sample list and the stream's GOP cache only.
        assertThat(units.get(0).refCnt()).isEqualTo(2);
        assertThat(units.get(5).refCnt()).isEqualTo(2);
    }

    @Test
    void withNoKeyframeCachedItWaitsForTheNext() throws Exception {
        publish(1, 10);
        CompletableFuture<LiveKeyframe> grabbed = CompletableFuture.supplyAsync(() -> {
            try {
                return KeyframeGrabber.grab(stream, Duration.ofSeconds(30));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        awaitReaders(1);
        int key = firstKeyframeAfter(1);
        publish(10, key + 1);
        try (LiveKeyframe k = grabbed.get(30, TimeUnit.SECONDS)) {
            assertThat(k.unit()).isSameAs(units.get(key));
        }
    }

    @Test
    void noKeyframeInTimeIsNotLive() throws Exception {
        publish(1, 5);
        assertThatThrownBy(() -> KeyframeGrabber.grab(stream, Duration.ofMillis(50)))
                .isInstanceOfSatisfying(SnapshotException.class, e ->
                        assertThat(e.reason()).isEqualTo(SnapshotException.Reason.NO_KEYFRAME));
        onWriter(() -> { });
        assertThat(stream.readerCount()).isZero();
    }

    @Test
    void aStreamThatEndsIsNotLive() throws Exception {
        stream.close();
        assertThatThrownBy(() -> KeyframeGrabber.grab(stream, Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(SnapshotException.class, e ->
                        assertThat(e.reason()).isEqualTo(SnapshotException.Reason.NO_KEYFRAME));
    }

    @Test
    void audioOnlyIsUnsupported() {
        Stream audio = new Stream("mic", List.of(new MediaFormat.Aac(new byte[] {0x11, (byte) 0x90}, 48_000, 2)),
                writer);
        assertThatThrownBy(() -> KeyframeGrabber.grab(audio, Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(SnapshotException.class, e ->
                        assertThat(e.reason()).isEqualTo(SnapshotException.Reason.UNSUPPORTED));
        audio.close();
    }

    @Test
    void theCacheDecodesOncePerTtl() throws Exception {
        publish(0, 10);
        ManualClock clock = new ManualClock();
        SnapshotCache cache = new SnapshotCache(new FfmpegSnapshotRenderer(), clock, Duration.ofSeconds(1),
                Duration.ofSeconds(10));
        Snapshot first = cache.get("cam", stream, SnapshotOptions.DEFAULT);
        assertThat(Jpegs.read(first.jpeg()).getWidth()).isEqualTo(640);
        clock.advanceMillis(999);
        assertThat(cache.get("cam", stream, SnapshotOptions.DEFAULT)).isSameAs(first);
        assertThat(cache.rendered()).isEqualTo(1);
        Snapshot small = cache.get("cam", stream, new SnapshotOptions(320, 80));
        assertThat(small.width()).isEqualTo(320);
        assertThat(cache.rendered()).as("another width is another picture").isEqualTo(2);
        clock.advanceMillis(1);
        Snapshot second = cache.get("cam", stream, SnapshotOptions.DEFAULT);
        assertThat(second).isNotSameAs(first);
        assertThat(second.takenAt()).isEqualTo(clock.instant());
        assertThat(cache.rendered()).isEqualTo(3);
    }

    @Test
    void failuresAreNotCached() throws Exception {
        ManualClock clock = new ManualClock();
        SnapshotCache cache = new SnapshotCache(new FfmpegSnapshotRenderer(), clock, Duration.ofSeconds(1),
                Duration.ofMillis(20));
        assertThatThrownBy(() -> cache.get("cam", stream, SnapshotOptions.DEFAULT))
                .isInstanceOf(SnapshotException.class);
        publish(0, 3);
        assertThat(cache.get("cam", stream, SnapshotOptions.DEFAULT).width()).isEqualTo(640);
    }

    private void awaitReaders(int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (stream.readerCount() < n) {
            assertThat(System.nanoTime()).as("reader attached in time").isLessThan(deadline);
            onWriter(() -> { });
        }
    }

    private int firstKeyframeAfter(int from) {
        for (int i = from; i < units.size(); i++) {
            if (units.get(i).keyframe()) {
                return i;
            }
        }
        throw new AssertionError("the sample has one keyframe only");
    }
}
