package io.argus.sim;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.sei.CaptureTimeSei;
import io.argus.media.path.Path;
import io.argus.media.path.SourceListener;
import io.argus.media.stream.Stream;
import io.argus.media.stream.WallClock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One simulated camera: publishes the sample loop into its path at {@code fps} frames per second, on one event
 * loop. Each frame is the template's NAL units (retained slices, no copy) with a capture-time SEI inserted
 * before the first slice.
 */
final class SimCamera implements AutoCloseable {
    private final SampleLoop sample;
    private final int fps;
    private final EventLoop loop;
    private final SourceListener publisher;
    private final Stream stream;
    private final ByteBufAllocator alloc;
    private ScheduledFuture<?> ticker;
    private volatile long frameNo;

    SimCamera(Path path, SampleLoop sample, int fps, EventLoop loop, ByteBufAllocator alloc) {
        this.sample = sample;
        this.fps = fps;
        this.loop = loop;
        this.alloc = alloc;
        this.publisher = path.acquirePublisher();
        if (publisher == null) {
            throw new IllegalStateException("path " + path.name() + " already has a publisher");
        }
        this.stream = publisher.onReady(List.of(sample.format()), loop);
    }

    /** Starts publishing after {@code offsetNanos} (cameras are spread over the frame interval, as real ones are). */
    void start(long offsetNanos) {
        long period = 1_000_000_000L / fps;
        ticker = loop.scheduleAtFixedRate(this::tick, offsetNanos, period, TimeUnit.NANOSECONDS);
    }

    private void tick() {
        AccessUnit template = sample.frame(frameNo);
        int n = template.unitCount();
        ByteBuf[] units = new ByteBuf[n + 1];
        int out = 0;
        boolean seiPlaced = false;
        for (int i = 0; i < n; i++) {
            ByteBuf nal = template.unit(i);
            if (!seiPlaced && sample.isVcl(nal)) {
                units[out++] = CaptureTimeSei.build(sample.codec(), WallClock.micros(), alloc);
                seiPlaced = true;
            }
            units[out++] = nal.retainedSlice();
        }
        long pts = frameNo * 90_000L / fps;
        frameNo++;
        stream.publish(AccessUnit.of(0, sample.codec(), pts, pts, template.keyframe(), units, out,
                System.nanoTime()));
    }

    long framesSent() {
        return frameNo;
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.cancel(false);
        }
        loop.execute(() -> publisher.onEnded("simulator stopped"));
    }
}
