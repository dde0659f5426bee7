package io.argus.sim.ptz;

import io.argus.media.codec.MediaFormat;
import io.argus.onvif.client.PtzVector;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * One PTZ view of the scene encoded for one stream, once: its parameter sets, its IDR and the sixteen skip pictures
 * that repeat it (one per frame_num). A camera sends retained slices of these, so a view costs one render and one
 * encode however long it is shown. Owned by whoever holds it; {@link #release()} frees the buffers.
 */
public final class PtzPicture {
    private final PtzVector position;
    private final MediaFormat.H264 format;
    private final ByteBuf sps;
    private final ByteBuf pps;
    private final ByteBuf idr;
    private final ByteBuf[] skips = new ByteBuf[PcmH264.MAX_FRAME_NUM];

    private PtzPicture(PtzVector position, PcmH264 coder, YuvPicture picture) {
        this.position = position;
        byte[] s = coder.sps();
        byte[] p = coder.pps();
        this.format = new MediaFormat.H264(s, p);
        this.sps = Unpooled.wrappedBuffer(s);
        this.pps = Unpooled.wrappedBuffer(p);
        this.idr = Unpooled.wrappedBuffer(coder.idr(picture));
        for (int i = 0; i < skips.length; i++) {
            skips[i] = Unpooled.wrappedBuffer(coder.skip(i));
        }
    }

    /** Renders and encodes the view of {@code position} at {@code width} x {@code height}. */
    public static PtzPicture of(PtzVector position, int width, int height) {
        return new PtzPicture(position, new PcmH264(width, height), Scene.view(position, width, height));
    }

    public PtzVector position() {
        return position;
    }

    /** The parameter sets, for the stream's SDP. */
    public MediaFormat.H264 format() {
        return format;
    }

    /** <b>Borrowed</b>: retain a slice to keep it. */
    public ByteBuf sps() {
        return sps;
    }

    /** <b>Borrowed</b>. */
    public ByteBuf pps() {
        return pps;
    }

    /** <b>Borrowed</b>. */
    public ByteBuf idr() {
        return idr;
    }

    /** The skip picture with {@code frameNum} (0..15). <b>Borrowed</b>. */
    public ByteBuf skip(int frameNum) {
        return skips[frameNum];
    }

    public void release() {
        sps.release();
        pps.release();
        idr.release();
        for (ByteBuf b : skips) {
            b.release();
        }
    }
}
