package io.argus.media.codec.format.ts;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.Codec;
import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.aac.AdtsHeader;
import io.argus.media.codec.h264.AnnexB;
import io.argus.media.codec.h264.H264NalType;
import io.argus.media.codec.h265.H265NalType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/**
 * One elementary stream of the program: its PES packets (ISO/IEC 13818-1 §2.4.3.6) gathered from TS payloads as a
 * composite of retained slices (no copy), then cut into access units. A video PES is one access unit (what
 * §2.14.3.1 recommends and every encoder does), its NAL units split at start codes; an AAC PES holds whole ADTS
 * frames, each an access unit, stamped PTS + n frames.
 */
final class TsElementaryStream {
    /**
     * Largest PES kept: a 1080p intra picture at a high rate is well under 2 MiB; the limit bounds memory and the
     * composite's components (one per TS packet) for a hostile sender.
     */
    static final int MAX_PES_BYTES = 4 << 20;
    private static final int MAX_COMPONENTS = MAX_PES_BYTES / 184 + 1;
    private static final int PES_HEADER = 9;

    final int track;
    final Codec codec;
    private final TsDemuxer demuxer;
    private CompositeByteBuf pes;
    private int continuity = -1;
    private MediaFormat format;

    TsElementaryStream(TsDemuxer demuxer, int track, Codec codec) {
        this.demuxer = demuxer;
        this.track = track;
        this.codec = codec;
    }

    /** Whether {@code counter} follows the previous one (a repeated packet is a legal duplicate: ignore it). */
    int continuity(int counter, boolean discontinuity) {
        int previous = continuity;
        continuity = counter;
        if (previous < 0 || discontinuity || counter == ((previous + 1) & 0xf)) {
            return 1;
        }
        return counter == previous ? 0 : -1;
    }

    /** A gap in the packets: the PES being gathered is incomplete, so it is dropped. */
    void lost() {
        if (pes != null) {
            demuxer.dropped++;
            discard();
        }
    }

    /** One TS packet's payload. <b>Borrows</b> {@code payload}: the PES retains a slice. */
    void payload(ByteBuf payload, boolean unitStart, long receivedNanos) {
        if (unitStart) {
            flush(receivedNanos);
            pes = Unpooled.compositeBuffer(MAX_COMPONENTS);
        } else if (pes == null) {
            return;
        }
        if (pes.readableBytes() + payload.readableBytes() > MAX_PES_BYTES) {
            demuxer.corrupt++;
            discard();
            return;
        }
        pes.addComponent(true, payload.retainedSlice());
        if (pes.readableBytes() >= 6) {
            int length = pes.getUnsignedShort(4);
            if (length != 0 && pes.readableBytes() >= length + 6) {
                flush(receivedNanos);
            }
        }
    }

    /** Ends the PES being gathered (the next one starts, or the input ends) and emits its access units. */
    void flush(long receivedNanos) {
        if (pes == null) {
            return;
        }
        CompositeByteBuf b = pes;
        pes = null;
        try {
            emit(b, receivedNanos);
        } finally {
            b.release();
        }
    }

    void discard() {
        if (pes != null) {
            pes.release();
            pes = null;
        }
    }

    private void emit(CompositeByteBuf b, long receivedNanos) {
        int n = b.readableBytes();
        if (n < PES_HEADER || b.getUnsignedMedium(0) != 1) {
            demuxer.corrupt++;
            return;
        }
        int length = b.getUnsignedShort(4);
        int flags = b.getUnsignedByte(7) >> 6;
        int headerEnd = PES_HEADER + b.getUnsignedByte(8);
        int end = length == 0 ? n : length + 6;
        // Every PES Argus carries has a PTS (§2.4.3.7: mandatory for a video or audio access unit's first byte).
        if ((b.getUnsignedByte(6) & 0xc0) != 0x80 || flags < 2 || headerEnd > end || end > n
                || headerEnd < PES_HEADER + (flags == 3 ? 10 : 5)) {
            demuxer.corrupt++;
            return;
        }
        long pts = demuxer.timeline.unwrap(timestamp(b, PES_HEADER));
        long dts = flags == 3 ? demuxer.timeline.unwrap(timestamp(b, PES_HEADER + 5)) : pts;
        ByteBuf data = b.slice(headerEnd, end - headerEnd);
        if (codec == Codec.AAC) {
            audio(data, pts, receivedNanos);
        } else {
            video(data, pts, dts, receivedNanos);
        }
    }

    /** A 33-bit PTS or DTS field (§2.4.3.7: 4 bits, 3+15+15 bits with marker bits between). */
    private static long timestamp(ByteBuf b, int at) {
        return ((long) (b.getUnsignedByte(at) >> 1) & 7) << 30 | (long) (b.getUnsignedShort(at + 1) >> 1) << 15
                | b.getUnsignedShort(at + 3) >> 1;
    }

    private void video(ByteBuf data, long pts, long dts, long receivedNanos) {
        List<ByteBuf> nals = new ArrayList<>();
        AnnexB.split(data, nals);
        if (nals.isEmpty() || nals.size() > AccessUnit.MAX_UNITS) {
            nals.forEach(ByteBuf::release);
            demuxer.corrupt += nals.isEmpty() ? 0 : 1;
            return;
        }
        boolean h264 = codec == Codec.H264;
        boolean key = false;
        byte[] vps = null;
        byte[] sps = null;
        byte[] pps = null;
        for (ByteBuf nal : nals) {
            int type = h264 ? H264NalType.of(nal) : (nal.getUnsignedByte(nal.readerIndex()) >> 1) & 0x3f;
            if (h264) {
                key |= type == H264NalType.IDR;
                sps = type == H264NalType.SPS ? ByteBufUtil.getBytes(nal) : sps;
                pps = type == H264NalType.PPS ? ByteBufUtil.getBytes(nal) : pps;
            } else {
                key |= type >= H265NalType.IRAP_FIRST && type <= H265NalType.IRAP_LAST;
                vps = type == H265NalType.VPS ? ByteBufUtil.getBytes(nal) : vps;
                sps = type == H265NalType.SPS ? ByteBufUtil.getBytes(nal) : sps;
                pps = type == H265NalType.PPS ? ByteBufUtil.getBytes(nal) : pps;
            }
        }
        if (sps != null && pps != null && (h264 || vps != null)) {
            formatFound(h264 ? new MediaFormat.H264(sps, pps) : new MediaFormat.H265(vps, sps, pps));
        }
        if (format == null) {
            nals.forEach(ByteBuf::release);
            demuxer.needConfig++;
            return;
        }
        ByteBuf[] units = nals.toArray(new ByteBuf[0]);
        demuxer.listener.accept(AccessUnit.of(track, codec, pts, dts, key, units, units.length, receivedNanos));
    }

    private void audio(ByteBuf data, long pts90k, long receivedNanos) {
        int at = data.readerIndex();
        int end = data.writerIndex();
        int frame = 0;
        while (at < end) {
            AdtsHeader h = AdtsHeader.parse(data, at);
            if (h == null || at + h.frameLength() > end || h.config().channelConfiguration() == 0) {
                demuxer.corrupt++;
                return;
            }
            formatFound(h.config().toMediaFormat());
            int rate = h.config().sampleRate();
            long pts = pts90k * rate / 90_000 + (long) frame * h.config().frameLength();
            demuxer.listener.accept(AccessUnit.of(track, Codec.AAC, pts, true,
                    data.retainedSlice(at + h.headerLength(), h.payloadLength()), receivedNanos));
            at += h.frameLength();
            frame++;
        }
    }

    private void formatFound(MediaFormat found) {
        if (!found.equals(format)) {
            format = found;
            demuxer.listener.format(track, found);
        }
    }
}
