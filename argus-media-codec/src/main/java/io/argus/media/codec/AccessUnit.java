package io.argus.media.codec;

import io.netty.buffer.ByteBuf;
import io.netty.util.AbstractReferenceCounted;

/**
 * One decodable unit of one track: a video picture (its NAL units, without start codes or length prefixes) or
 * one raw AAC frame. It is assembled once per camera and shared by every reader.
 *
 * <h2>Ownership</h2>
 * An access unit holds slices of the packet buffers it was assembled from; the slices are retained once by
 * the access unit and released when its own reference count reaches zero. Whoever uses an access unit last
 * releases it; passing it on passes the reference; a reader that keeps it and passes it on must
 * {@link #retain()} first. The payload bytes are never copied: readers write the same slices to their sockets
 * or files.
 *
 * <h2>Time</h2>
 * {@link #pts()} and {@link #dts()} are in the track's clock rate ({@link MediaFormat#clockRate()}), already
 * unwrapped to a monotonic 64-bit timeline that starts near zero at the first packet of the session.
 * {@link #receivedNanos()} is {@link System#nanoTime()} when the last packet of the unit arrived, for latency
 * accounting. A source whose timestamps are broken gets them replaced once, by {@link #retime}, before the unit is
 * published; after that they never change.
 */
public final class AccessUnit extends AbstractReferenceCounted {

    /** Most NAL units one picture may have; a camera sending more is broken or hostile. */
    public static final int MAX_UNITS = 256;

    private final int track;
    private final Codec codec;
    private long pts;
    private long dts;
    private final boolean keyframe;
    private final ByteBuf[] units;
    private final int unitCount;
    private final long receivedNanos;

    private AccessUnit(int track, Codec codec, long pts, long dts, boolean keyframe, ByteBuf[] units,
                       int unitCount, long receivedNanos) {
        this.track = track;
        this.codec = codec;
        this.pts = pts;
        this.dts = dts;
        this.keyframe = keyframe;
        this.units = units;
        this.unitCount = unitCount;
        this.receivedNanos = receivedNanos;
    }

    /**
     * Creates an access unit. <b>Takes ownership</b> of {@code units[0..count)}: each is released when this
     * access unit is. The array itself is kept (not copied), so the caller must not reuse it.
     */
    public static AccessUnit of(int track, Codec codec, long pts, long dts, boolean keyframe, ByteBuf[] units,
                                int count, long receivedNanos) {
        if (count < 0 || count > units.length || count > MAX_UNITS) {
            for (int i = 0; i < Math.min(count, units.length); i++) {
                units[i].release();
            }
            throw new IllegalArgumentException("unit count out of range: " + count);
        }
        return new AccessUnit(track, codec, pts, dts, keyframe, units, count, receivedNanos);
    }

    /** Convenience for one unit (AAC frames, tests). <b>Takes ownership</b> of {@code unit}. */
    public static AccessUnit of(int track, Codec codec, long pts, boolean keyframe, ByteBuf unit,
                                long receivedNanos) {
        return new AccessUnit(track, codec, pts, pts, keyframe, new ByteBuf[] {unit}, 1, receivedNanos);
    }

    /** Index of the track within its stream (the order of the SDP media sections). */
    public int track() {
        return track;
    }

    public Codec codec() {
        return codec;
    }

    public long pts() {
        return pts;
    }

    public long dts() {
        return dts;
    }

    /**
     * Replaces the timestamps, in place so that repairing a camera's broken timestamps costs no allocation per
     * frame. Only for the ingest adapter that assembled this unit, before it hands it on: readers share a
     * published unit, and its times must not change under them.
     *
     * @throws IllegalStateException if the unit is shared (its reference count is not 1)
     */
    public void retime(long newPts, long newDts) {
        if (refCnt() != 1) {
            throw new IllegalStateException("retime of a shared access unit: " + this);
        }
        this.pts = newPts;
        this.dts = newDts;
    }

    /** True for an IDR/IRAP picture (decoding can start here) and for every audio frame. */
    public boolean keyframe() {
        return keyframe;
    }

    public int unitCount() {
        return unitCount;
    }

    /** The i-th unit. <b>Borrowed</b>: valid while this access unit is; retain it (or a slice) to keep it. */
    public ByteBuf unit(int i) {
        if (i < 0 || i >= unitCount) {
            throw new IndexOutOfBoundsException(i);
        }
        return units[i];
    }

    /** Payload bytes over all units (without start codes or length prefixes). */
    public int size() {
        int size = 0;
        for (int i = 0; i < unitCount; i++) {
            size += units[i].readableBytes();
        }
        return size;
    }

    public long receivedNanos() {
        return receivedNanos;
    }

    @Override
    public AccessUnit retain() {
        super.retain();
        return this;
    }

    @Override
    public AccessUnit retain(int increment) {
        super.retain(increment);
        return this;
    }

    @Override
    public AccessUnit touch() {
        return this;
    }

    @Override
    public AccessUnit touch(Object hint) {
        for (int i = 0; i < unitCount; i++) {
            units[i].touch(hint);
        }
        return this;
    }

    @Override
    protected void deallocate() {
        for (int i = 0; i < unitCount; i++) {
            units[i].release();
            units[i] = null;
        }
    }

    @Override
    public String toString() {
        return "AccessUnit[track=" + track + ", " + codec + ", pts=" + pts + ", dts=" + dts
                + (keyframe ? ", key" : "") + ", units=" + unitCount + ", refCnt=" + refCnt() + "]";
    }
}
