package io.argus.media.codec.rtp.h264;

import io.argus.media.codec.Codec;
import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.h264.H264NalType;
import io.argus.media.codec.rtp.internal.ByteBufs;
import io.argus.media.codec.rtp.internal.NalUnitDepacketizer;
import io.netty.buffer.ByteBuf;

/**
 * RFC 6184 depacketizer, packetization mode 1 (non-interleaved): single NAL unit packets (§5.6), STAP-A (§5.7.1)
 * and FU-A (§5.8). STAP-B, MTAP and FU-B (interleaved mode) count as corrupt packets.
 *
 * <p>NAL units are retained slices of the packets; a fragmented unit is a composite of its fragments' slices
 * behind a newly allocated 1-byte header, the only bytes written. Access unit delimiters and filler data are
 * left out (muxers write their own); SEI is kept (the capture-time SEI rides in it). In-band SPS and PPS replace
 * {@link #format()}. A unit containing an IDR slice is a keyframe.
 */
public final class H264Depacketizer extends NalUnitDepacketizer {

    private MediaFormat.H264 format;

    /** @param format the out-of-band parameters from SDP; parameter sets may be empty */
    public H264Depacketizer(MediaFormat.H264 format, int track) {
        super(track, Codec.H264);
        this.format = format;
    }

    @Override
    public MediaFormat.H264 format() {
        return format;
    }

    @Override
    protected boolean depacketize(ByteBuf payload) {
        int n = payload.readableBytes();
        if (n < 1) {
            return false;
        }
        int ri = payload.readerIndex();
        int indicator = payload.getUnsignedByte(ri);
        if ((indicator & 0x80) != 0) {
            return false;
        }
        int type = H264NalType.of(indicator);
        if (type >= 1 && type <= 23) {
            return !fragmentInProgress() && addNal(payload.retainedSlice());
        } else if (type == H264NalType.STAP_A) {
            return !fragmentInProgress() && aggregate(payload, ri + 1, ri + n);
        } else if (type == H264NalType.FU_A) {
            return fragment(payload, indicator, ri, n);
        }
        return false;
    }

    /** STAP-A (§5.7.1): 16-bit size, NAL unit, repeated. */
    private boolean aggregate(ByteBuf payload, int pos, int end) {
        if (pos >= end) {
            return false;
        }
        while (pos < end) {
            if (pos + 2 > end) {
                return false;
            }
            int size = payload.getUnsignedShort(pos);
            pos += 2;
            if (size == 0 || pos + size > end || !addNal(payload.retainedSlice(pos, size))) {
                return false;
            }
            pos += size;
        }
        return true;
    }

    /** FU-A (§5.8): indicator (F, NRI, 28), header (S, E, R, type), data. */
    private boolean fragment(ByteBuf payload, int indicator, int ri, int n) {
        if (n < 3) {
            return false;
        }
        int header = payload.getUnsignedByte(ri + 1);
        boolean start = (header & 0x80) != 0;
        boolean end = (header & 0x40) != 0;
        ByteBuf data = payload.retainedSlice(ri + 2, n - 2);
        if (start) {
            ByteBuf nalHeader = payload.alloc().buffer(1);
            nalHeader.writeByte((indicator & 0xe0) | (header & 0x1f));
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
        switch (H264NalType.of(nal)) {
            case H264NalType.AUD, H264NalType.FILLER -> {
                return false;
            }
            case H264NalType.SPS -> {
                if (!ByteBufs.contentEquals(nal, format.sps())) {
                    format = new MediaFormat.H264(ByteBufs.toArray(nal), format.pps());
                }
            }
            case H264NalType.PPS -> {
                if (!ByteBufs.contentEquals(nal, format.pps())) {
                    format = new MediaFormat.H264(format.sps(), ByteBufs.toArray(nal));
                }
            }
            case H264NalType.IDR -> markKeyframe();
            default -> {
            }
        }
        return true;
    }
}
