package io.argus.media.codec.rtp.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;

/**
 * Reassembles one fragmented unit (H.264 FU-A, H.265 FU, a fragmented AAC frame) without copying: a composite
 * of the retained fragment slices, behind an optional small header buffer (the rebuilt NAL unit header).
 */
public final class FragmentBuffer {

    /** Most bytes one reassembled unit may have: well above a 4K intra picture; more is a broken sender. */
    public static final int MAX_BYTES = 16 << 20;
    /** Most fragments one unit may have: 16 MiB in 2 KiB packets; bounds the composite's component array. */
    public static final int MAX_FRAGMENTS = 8192;

    private CompositeByteBuf unit;

    public boolean inProgress() {
        return unit != null;
    }

    /**
     * Starts a unit. <b>Takes ownership</b> of {@code header} (may be null) and {@code first}. Any unit in progress
     * is released first.
     */
    public void start(ByteBufAllocator alloc, ByteBuf header, ByteBuf first) {
        reset();
        unit = alloc.compositeBuffer(MAX_FRAGMENTS + 1);
        if (header != null) {
            unit.addComponent(true, header);
        }
        unit.addComponent(true, first);
    }

    /**
     * Appends a fragment. <b>Takes ownership</b> of {@code fragment}.
     *
     * @return false (and the unit in progress released) if none was in progress or a limit was passed
     */
    public boolean append(ByteBuf fragment) {
        if (unit == null || unit.numComponents() >= MAX_FRAGMENTS
                || unit.readableBytes() + (long) fragment.readableBytes() > MAX_BYTES) {
            fragment.release();
            reset();
            return false;
        }
        unit.addComponent(true, fragment);
        return true;
    }

    /** Bytes gathered so far. */
    public int size() {
        return unit == null ? 0 : unit.readableBytes();
    }

    /** The finished unit; the caller takes ownership. Null if none was in progress. */
    public ByteBuf finish() {
        ByteBuf done = unit;
        unit = null;
        return done;
    }

    /** Releases the unit in progress, if any. */
    public void reset() {
        if (unit != null) {
            unit.release();
            unit = null;
        }
    }
}
