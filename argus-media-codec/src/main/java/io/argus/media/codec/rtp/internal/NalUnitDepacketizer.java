package io.argus.media.codec.rtp.internal;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.AccessUnitSink;
import io.argus.media.codec.Codec;
import io.argus.media.codec.rtp.RtpDepacketizer;
import io.argus.media.codec.rtp.RtpPacket;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * The access unit assembly shared by the NAL unit payload formats (RFC 6184, RFC 7798). Subclasses parse one
 * payload into NAL units and hand each to {@link #addNal}; this class groups them into access units, ends a unit
 * on the marker bit or on a timestamp change, drops damaged units, and releases everything it drops, so a
 * subclass cannot leak.
 *
 * <p>After a loss the access unit in progress is dropped, and so are the remaining packets of the timestamp the
 * first packet after the loss carries (the lost packets may have been its first NAL units); both count as
 * {@link #droppedUnits()}. Decoding resumes cleanly at the next keyframe; that wait is the reader's business.
 */
public abstract class NalUnitDepacketizer implements RtpDepacketizer {

    /** Most payload bytes one access unit may have; see {@link FragmentBuffer#MAX_BYTES}. */
    public static final int MAX_ACCESS_UNIT_BYTES = FragmentBuffer.MAX_BYTES;

    private final int track;
    private final Codec codec;
    private final ByteBuf[] units = new ByteBuf[AccessUnit.MAX_UNITS];
    private final FragmentBuffer fragment = new FragmentBuffer();
    private int count;
    private long bytes;
    private boolean keyframe;
    private boolean open;
    private long auTimestamp;
    private long packetTimestamp;
    private boolean discarding;
    /** A loss came right before a padding-only packet: it applies to the next packet with media. */
    private boolean lossPending;
    private long discardTimestamp;
    private long corruptPackets;
    private long droppedUnits;

    protected NalUnitDepacketizer(int track, Codec codec) {
        this.track = track;
        this.codec = codec;
    }

    @Override
    public final void receive(RtpPacket packet, long timestamp, boolean lossBefore, long receivedNanos,
                              AccessUnitSink sink) {
        if (!packet.payload().isReadable()) {
            // RFC 3550 §5.1: a packet of padding only carries no media (browsers probe bandwidth with them on the
            // video SSRC); a loss before it still counts for the next packet with media.
            lossPending |= lossBefore;
            return;
        }
        lossBefore |= lossPending;
        lossPending = false;
        if (open && timestamp != auTimestamp) {
            if (lossBefore || fragment.inProgress()) {
                dropAccessUnit();
            } else {
                emit(sink, receivedNanos);
            }
        }
        if (discarding && timestamp != discardTimestamp) {
            discarding = false;
        }
        if (lossBefore && !discarding) {
            if (open) {
                dropAccessUnit();
            } else {
                droppedUnits++;
            }
            discard(timestamp);
        }
        if (discarding) {
            discarding = !packet.marker();
            return;
        }
        packetTimestamp = timestamp;
        if (!depacketize(packet.payload())) {
            corruptPackets++;
            if (open || fragment.inProgress()) {
                dropAccessUnit();
            } else {
                droppedUnits++;
            }
            discarding = !packet.marker();
            discardTimestamp = timestamp;
            return;
        }
        if (packet.marker()) {
            if (fragment.inProgress()) {
                corruptPackets++;
                dropAccessUnit();
            } else if (open) {
                emit(sink, receivedNanos);
            }
        }
    }

    private void discard(long timestamp) {
        discarding = true;
        discardTimestamp = timestamp;
    }

    /**
     * Parses one payload (<b>borrowed</b>; keep bytes with {@code retainedSlice}) and feeds its NAL units to
     * {@link #addNal} or the fragment methods.
     *
     * @return false if the payload violates the format (the access unit in progress is then dropped)
     */
    protected abstract boolean depacketize(ByteBuf payload);

    /**
     * Looks at a complete NAL unit before it joins the access unit: updates the format from parameter sets,
     * calls {@link #markKeyframe()}. <b>Borrows</b> {@code nal}.
     *
     * @return false to leave the unit out (access unit delimiters, filler)
     */
    protected abstract boolean keep(ByteBuf nal);

    /** Marks the access unit in progress as a keyframe. */
    protected final void markKeyframe() {
        keyframe = true;
    }

    /**
     * Adds a complete NAL unit to the access unit in progress. <b>Takes ownership</b> of {@code nal}.
     *
     * @return false if a limit ({@link AccessUnit#MAX_UNITS}, {@link #MAX_ACCESS_UNIT_BYTES}) was passed
     */
    protected final boolean addNal(ByteBuf nal) {
        trimTrailingZeros(nal);
        if (!nal.isReadable() || !keep(nal)) {
            nal.release();
            return true;
        }
        if (count == units.length || bytes + nal.readableBytes() > MAX_ACCESS_UNIT_BYTES) {
            nal.release();
            return false;
        }
        units[count++] = nal;
        bytes += nal.readableBytes();
        if (!open) {
            open = true;
            auTimestamp = packetTimestamp;
        }
        return true;
    }

    /**
     * A NAL unit never ends in a zero byte (its last byte holds the rbsp stop bit), but ffmpeg's RTP muxer (seen
     * with libavformat 59 and H.265) sends the zero byte of the next 4-byte start code with the unit before it.
     * Muxers would carry the stray byte into MP4 sample sizes; it is dropped here by moving the writer index,
     * which copies nothing.
     */
    private static void trimTrailingZeros(ByteBuf nal) {
        int w = nal.writerIndex();
        while (w > nal.readerIndex() && nal.getByte(w - 1) == 0) {
            w--;
        }
        nal.writerIndex(w);
    }

    /**
     * Starts a fragmented NAL unit. <b>Takes ownership</b> of {@code header} (the rebuilt NAL unit header) and
     * {@code first} (the first fragment's data).
     *
     * @return false if another fragmented unit was still in progress (it is dropped)
     */
    protected final boolean startFragment(ByteBuf header, ByteBuf first) {
        boolean clean = !fragment.inProgress();
        fragment.start(first.alloc(), header, first);
        if (!open) {
            open = true;
            auTimestamp = packetTimestamp;
        }
        return clean;
    }

    /** True while a fragmented NAL unit is being gathered. */
    protected final boolean fragmentInProgress() {
        return fragment.inProgress();
    }

    /** Appends a middle or last fragment. <b>Takes ownership</b> of {@code data}. */
    protected final boolean appendFragment(ByteBuf data) {
        return fragment.append(data);
    }

    /** Completes the fragmented NAL unit and adds it to the access unit. */
    protected final boolean endFragment() {
        ByteBuf nal = fragment.finish();
        return nal != null && addNal(nal);
    }

    private void emit(AccessUnitSink sink, long receivedNanos) {
        if (count == 0) {
            clear();
            return;
        }
        AccessUnit au = AccessUnit.of(track, codec, auTimestamp, auTimestamp, keyframe, Arrays.copyOf(units, count),
                count, receivedNanos);
        Arrays.fill(units, 0, count, null);
        count = 0;
        clear();
        sink.accept(au);
    }

    private void dropAccessUnit() {
        droppedUnits++;
        for (int i = 0; i < count; i++) {
            units[i].release();
            units[i] = null;
        }
        count = 0;
        fragment.reset();
        clear();
    }

    private void clear() {
        bytes = 0;
        keyframe = false;
        open = false;
    }

    @Override
    public void reset() {
        if (open || fragment.inProgress()) {
            dropAccessUnit();
        }
        discarding = false;
        lossPending = false;
    }

    @Override
    public final long corruptPackets() {
        return corruptPackets;
    }

    @Override
    public final long droppedUnits() {
        return droppedUnits;
    }

    @Override
    public void close() {
        for (int i = 0; i < count; i++) {
            units[i].release();
            units[i] = null;
        }
        count = 0;
        fragment.reset();
        clear();
    }
}
