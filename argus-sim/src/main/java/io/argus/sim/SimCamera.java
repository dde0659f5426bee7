package io.argus.sim;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.sei.CaptureTimeSei;
import io.argus.media.path.Path;
import io.argus.media.path.SourceListener;
import io.argus.media.stream.Stream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import java.util.List;

/**
 * One simulated camera: publishes the sample loop into its path at {@code fps} frames per second, on one event
 * loop, when its loop's {@link SimTicker} finds frames due. Each frame is the template's NAL units (retained
 * slices, no copy) with a capture-time SEI inserted before the first slice.
 */
final class SimCamera implements AutoCloseable {
    private final SampleLoop sample;
    private final int fps;
    private final EventLoop loop;
    private final SourceListener publisher;
    private final Stream stream;
    private final ByteBufAllocator alloc;
    private final long periodNanos;
    private long dueNanos;
    private long lastCaptureMicros;
    /** Set by {@link #start}, cleared on the loop by {@link #close}: a closed camera sends nothing more. */
    private boolean sending;
    private volatile long frameNo;

    SimCamera(Path path, SampleLoop sample, int fps, EventLoop loop, ByteBufAllocator alloc) {
        this.sample = sample;
        this.fps = fps;
        this.periodNanos = 1_000_000_000L / fps;
        this.loop = loop;
        this.alloc = alloc;
        this.publisher = path.acquirePublisher();
        if (publisher == null) {
            throw new IllegalStateException("path " + path.name() + " already has a publisher");
        }
        this.stream = publisher.onReady(List.of(sample.format()), loop);
    }

    /**
     * Starts publishing {@code offsetNanos} from now (cameras are spread over the frame interval, as real ones are).
     * Call on the camera's loop, or before its ticker starts.
     */
    void start(long offsetNanos) {
        dueNanos = System.nanoTime() + offsetNanos;
        sending = true;
    }

    /**
     * Sends the frames due by {@code nowNanos}, stamped with the capture time {@code nowMicros} (the wall clock,
     * read once per tick for all the loop's cameras); on the camera's loop.
     */
    void sendDue(long nowNanos, long nowMicros) {
        while (sending && nowNanos - dueNanos >= 0) {
            // A late tick sends several frames at once; each still gets its own capture time, in order, as a
            // camera's frames have (readers check that capture times increase).
            lastCaptureMicros = Math.max(nowMicros, lastCaptureMicros + 1);
            tick(lastCaptureMicros);
            dueNanos += periodNanos;
        }
    }

    private void tick(long captureMicros) {
        AccessUnit template = sample.frame(frameNo);
        int n = template.unitCount();
        ByteBuf[] units = new ByteBuf[n + 1];
        int out = 0;
        boolean seiPlaced = false;
        for (int i = 0; i < n; i++) {
            ByteBuf nal = template.unit(i);
            if (!seiPlaced && sample.isVcl(nal)) {
                units[out++] = CaptureTimeSei.build(sample.codec(), captureMicros, alloc);
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
        loop.execute(() -> {
            sending = false;
            publisher.onEnded("simulator stopped");
        });
    }
}
