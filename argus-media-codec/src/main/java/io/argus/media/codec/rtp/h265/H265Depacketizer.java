package io.argus.media.codec.rtp.h265;

import io.argus.media.codec.Codec;
import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.h265.H265NalType;
import io.argus.media.codec.rtp.internal.ByteBufs;
import io.argus.media.codec.rtp.internal.NalUnitDepacketizer;
import io.netty.buffer.ByteBuf;

/**
 * RFC 7798 depacketizer: single NAL unit packets (§4.4.1), aggregation packets (§4.4.2) and fragmentation units
 * (§4.4.3). DONL fields are assumed absent (sprop-max-don-diff = 0, what cameras send); PACI packets count as
 * corrupt.
 *
 * <p>NAL units are retained slices of the packets; a fragmented unit is a composite of its fragments' slices
 * behind a newly allocated 2-byte header. Access unit delimiters and filler data are left out; SEI is kept.
 * In-band VPS, SPS and PPS replace {@link #format()}. A unit containing an IRAP picture (types 16..23) is a
 * keyframe.
 */
public final class H265Depacketizer extends NalUnitDepacketizer {

    private MediaFormat.H265 format;

    /** @param format the out-of-band parameters from SDP; parameter sets may be empty */
    public H265Depacketizer(MediaFormat.H265 format, int track) {
        super(track, Codec.H265);
        this.format = format;
    }

    @Override
    public MediaFormat.H265 format() {
        return format;
    }

    @Override
    protected boolean depacketize(ByteBuf payload) {
        int n = payload.readableBytes();
        if (n < 2) {
            return false;
        }
        int ri = payload.readerIndex();
        int b0 = payload.getUnsignedByte(ri);
        if ((b0 & 0x80) != 0) {
            return false;
        }
        int type = H265NalType.of(b0);
        if (type < H265NalType.AP) {
            return !fragmentInProgress() && addNal(payload.retainedSlice());
        } else if (type == H265NalType.AP) {
            return n > 2 && !fragmentInProgress() && aggregate(payload, ri + 2, ri + n);
        } else if (type == H265NalType.FU) {
            return fragment(payload, b0, ri, n);
        }
        return false;
    }

    /** Aggregation packet (§4.4.2): 16-bit size, NAL unit, repeated. */
    private boolean aggregate(ByteBuf payload, int pos, int end) {
        while (pos < end) {
            if (pos + 2 > end) {
                return false;
            }
            int size = payload.getUnsignedShort(pos);
            pos += 2;
            if (size < 2 || pos + size > end || !addNal(payload.retainedSlice(pos, size))) {
                return false;
            }
            pos += size;
        }
        return true;
    }

    /** Fragmentation unit (§4.4.3): payload header (type 49), FU header (S, E, type), data. */
    private boolean fragment(ByteBuf payload, int b0, int ri, int n) {
        if (n < 4) {
            return false;
        }
        int header = payload.getUnsignedByte(ri + 2);
        boolean start = (header & 0x80) != 0;
        boolean end = (header & 0x40) != 0;
        ByteBuf data = payload.retainedSlice(ri + 3, n - 3);
        if (start) {
            ByteBuf nalHeader = payload.alloc().buffer(2);
            nalHeader.writeByte((b0 & 0x81) | ((header & 0x3f) << 1));
            nalHeader.writeByte(payload.getByte(ri + 1));
            if (!startFragment(nalHeader, data)) {
                return false;
            }
        } else if (!fragmentInProgress()) {
            data.release();
            return false;
        } else if (!appendFragment(data)) {
            return false;
        }
        return !end || endFragment();
    }

    @Override
    protected boolean keep(ByteBuf nal) {
        int type = H265NalType.of(nal);
        switch (type) {
            case H265NalType.AUD, H265NalType.FILLER -> {
                return false;
            }
            case H265NalType.VPS -> {
                if (!ByteBufs.contentEquals(nal, format.vps())) {
                    format = new MediaFormat.H265(ByteBufs.toArray(nal), format.sps(), format.pps());
                }
            }
            case H265NalType.SPS -> {
                if (!ByteBufs.contentEquals(nal, format.sps())) {
                    format = new MediaFormat.H265(format.vps(), ByteBufs.toArray(nal), format.pps());
                }
            }
            case H265NalType.PPS -> {
                if (!ByteBufs.contentEquals(nal, format.pps())) {
                    format = new MediaFormat.H265(format.vps(), format.sps(), ByteBufs.toArray(nal));
                }
            }
            default -> {
                if (H265NalType.isIrap(type)) {
                    markKeyframe();
                }
            }
        }
        return true;
    }
}
