package io.argus.media.codec.format.fmp4;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.Codec;
import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.aac.Adts;
import io.argus.media.codec.aac.AdtsHeader;
import io.argus.media.codec.h264.H264AccessUnits;
import io.argus.media.codec.h264.H264NalType;
import io.argus.media.codec.h265.H265AccessUnits;
import io.argus.media.codec.h265.H265NalType;
import io.argus.testkit.SampleMedia;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The testkit samples as a camera would deliver them: access units over one direct buffer per file (so tests can
 * compare memory addresses), and their track formats.
 */
final class Fmp4TestMedia {

    /** 90 kHz ticks per picture at the samples' 25 fps. */
    static final long FRAME_TICKS = 3600;
    /** Samples per AAC-LC frame: one frame's duration in a 48 kHz timescale. */
    static final long AAC_FRAME_TICKS = 1024;

    /** The access units of a sample and the buffer they slice. */
    record Units(ByteBuf stream, List<AccessUnit> units) {

        /** Releases the file buffer (the units hold their own references). */
        Units releaseStream() {
            stream.release();
            return this;
        }
    }

    /** Formats are immutable and splitting a sample is slow under paranoid leak detection: keep them. */
    private static final Map<SampleMedia, MediaFormat> FORMATS = new ConcurrentHashMap<>();

    private Fmp4TestMedia() {
    }

    /** The sample in a direct buffer (refCnt 1, owned by the caller). */
    static ByteBuf direct(SampleMedia sample) {
        byte[] bytes = sample.bytes();
        ByteBuf buf = Unpooled.directBuffer(bytes.length);
        buf.writeBytes(bytes);
        return buf;
    }

    /** A video sample's access units, stamped 0, 3600, 7200... The caller owns the units and the stream. */
    static Units video(SampleMedia sample, int track) {
        ByteBuf stream = direct(sample);
        List<AccessUnit> units = hevc(sample)
                ? H265AccessUnits.fromAnnexB(stream, track, FRAME_TICKS)
                : H264AccessUnits.fromAnnexB(stream, track, FRAME_TICKS);
        return new Units(stream, units);
    }

    /** The AAC sample's frames as access units stamped 0, 1024, 2048... */
    static Units aac(int track) {
        ByteBuf stream = direct(SampleMedia.AAC_48K);
        List<ByteBuf> frames = new ArrayList<>();
        Adts.split(stream, frames);
        List<AccessUnit> units = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            units.add(AccessUnit.of(track, Codec.AAC, i * AAC_FRAME_TICKS, true, frames.get(i), 0L));
        }
        return new Units(stream, units);
    }

    static MediaFormat.Aac aacFormat() {
        ByteBuf stream = Unpooled.wrappedBuffer(SampleMedia.AAC_48K.bytes());
        List<ByteBuf> frames = new ArrayList<>();
        AdtsHeader header = Adts.split(stream, frames);
        frames.forEach(ByteBuf::release);
        stream.release();
        return header.config().toMediaFormat();
    }

    /** The parameter sets of the sample's first access unit as its track format (computed once per sample). */
    static MediaFormat format(SampleMedia sample) {
        return FORMATS.computeIfAbsent(sample, Fmp4TestMedia::readFormat);
    }

    private static MediaFormat readFormat(SampleMedia sample) {
        Units u = video(sample, 0).releaseStream();
        AccessUnit first = u.units().get(0);
        byte[] vps = null;
        byte[] sps = null;
        byte[] pps = null;
        for (int i = 0; i < first.unitCount(); i++) {
            ByteBuf nal = first.unit(i);
            int type = hevc(sample) ? H265NalType.of(nal) : H264NalType.of(nal);
            if (type == (hevc(sample) ? H265NalType.VPS : -1)) {
                vps = ByteBufUtil.getBytes(nal);
            } else if (type == (hevc(sample) ? H265NalType.SPS : H264NalType.SPS)) {
                sps = ByteBufUtil.getBytes(nal);
            } else if (type == (hevc(sample) ? H265NalType.PPS : H264NalType.PPS)) {
                pps = ByteBufUtil.getBytes(nal);
            }
        }
        u.units().forEach(AccessUnit::release);
        return hevc(sample) ? new MediaFormat.H265(vps, sps, pps) : new MediaFormat.H264(sps, pps);
    }

    static boolean hevc(SampleMedia sample) {
        return sample.name().startsWith("H265");
    }
}
