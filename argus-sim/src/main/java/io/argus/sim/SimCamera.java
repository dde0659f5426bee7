package io.argus.sim;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.sei.CaptureTimeSei;
import io.argus.media.path.Path;
import io.argus.media.path.SourceListener;
import io.argus.media.stream.Stream;
import io.argus.sim.ptz.PcmH264;
import io.argus.sim.ptz.PtzPicture;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import java.util.List;

/**
 * One simulated camera: publishes the sample loop into its path at {@code fps} frames per second, on one event
 * loop, when its loop's {@link SimTicker} finds frames due. Each frame is the template's NAL units (retained
 * slices, no copy) with a capture-time SEI inserted before the first slice.
 *
 * <p>Once its PTZ head is moved ({@link #show}), the camera sends the view of the scene instead: the view's IDR
 * every {@link #PTZ_GOP} frames and skip pictures between, switching to a new view with its IDR (and its parameter
 * sets, in band and in the stream's format for later DESCRIBEs) at the next frame. A camera never moved costs what
 * it did: one null check a frame.
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
    /** A PTZ camera's IDR interval: 2 s at 25 fps, the sample's. */
    static final int PTZ_GOP = 50;
    /** The view being sent, null while the camera loops the sample; on the loop only, owned by the camera. */
    private PtzPicture picture;
    /** The view to switch to at the next frame; on the loop only, owned by the camera. */
    private PtzPicture next;
    /** Whether the last frame sent was an IDR: two IDRs in a row would need different idr_pic_ids (§7.4.3). */
    private boolean lastIdr;
    private int ptzFrame;
    private int frameNum;

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

    /**
     * Shows {@code view} from the next frame on (the one after, if the last was an IDR). <b>Takes ownership</b>:
     * the camera releases it when replaced or closed. Any thread.
     */
    void show(PtzPicture view) {
        loop.execute(() -> {
            if (!sending) {
                view.release();
                return;
            }
            if (next != null) {
                next.release();
            }
            next = view;
        });
    }

    private void tick(long captureMicros) {
        if (next != null && !lastIdr) {
            if (picture != null) {
                picture.release();
            }
            picture = next;
            next = null;
            ptzFrame = 0;
            stream.updateFormat(0, picture.format());
        }
        if (picture == null) {
            sampleTick(captureMicros);
        } else {
            ptzTick(captureMicros);
        }
    }

    private void ptzTick(long captureMicros) {
        boolean idr = ptzFrame == 0;
        int fn = idr ? 0 : frameNum;
        ByteBuf[] units = idr
                ? new ByteBuf[] {picture.sps().retainedSlice(), picture.pps().retainedSlice(),
                        CaptureTimeSei.build(sample.codec(), captureMicros, alloc), picture.idr().retainedSlice()}
                : new ByteBuf[] {CaptureTimeSei.build(sample.codec(), captureMicros, alloc),
                        picture.skip(fn).retainedSlice()};
        frameNum = (fn + 1) % PcmH264.MAX_FRAME_NUM;
        ptzFrame = (ptzFrame + 1) % PTZ_GOP;
        lastIdr = idr;
        publish(units, units.length, idr);
    }

    private void sampleTick(long captureMicros) {
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
        lastIdr = template.keyframe();
        publish(units, out, template.keyframe());
    }

    private void publish(ByteBuf[] units, int count, boolean keyframe) {
        long pts = frameNo * 90_000L / fps;
        frameNo++;
        stream.publish(AccessUnit.of(0, sample.codec(), pts, pts, keyframe, units, count, System.nanoTime()));
    }

    long framesSent() {
        return frameNo;
    }

    @Override
    public void close() {
        loop.execute(() -> {
            sending = false;
            publisher.onEnded("simulator stopped");
            for (PtzPicture p : new PtzPicture[] {picture, next}) {
                if (p != null) {
                    p.release();
                }
            }
            picture = null;
            next = null;
        });
    }
}
