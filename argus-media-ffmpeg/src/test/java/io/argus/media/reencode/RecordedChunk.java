package io.argus.media.reencode;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.Codec;
import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.aac.Adts;
import io.argus.media.codec.aac.AdtsHeader;
import io.argus.media.codec.format.fmp4.Fmp4Fragment;
import io.argus.media.codec.format.fmp4.Fmp4FragmentWriter;
import io.argus.media.codec.format.fmp4.Fmp4InitSegment;
import io.argus.media.codec.h264.AnnexBAccessUnits;
import io.argus.media.codec.h264.H264AccessUnits;
import io.argus.media.codec.h264.H264NalType;
import io.argus.media.codec.h265.H265AccessUnits;
import io.argus.media.codec.h265.H265NalType;
import io.argus.testkit.SampleMedia;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/**
 * A chunk as the recorder writes it (init segment, then a fragment per GOP cut before each keyframe with the
 * keyframe's dts, the last one estimated) from a sample video and, optionally, the AAC sample beside it.
 */
final class RecordedChunk {
    private RecordedChunk() {
    }

    static ByteBuf of(SampleMedia video, Codec codec, boolean audio) {
        ByteBuf file = Unpooled.wrappedBuffer(video.bytes());
        List<AccessUnit> units = AnnexBAccessUnits.fromAnnexB(codec == Codec.H264 ? H264AccessUnits.SYNTAX
                : H265AccessUnits.SYNTAX, file, 0, 3600);
        List<AccessUnit> aac = new ArrayList<>();
        List<MediaFormat> formats = new ArrayList<>(List.of(format(units.get(0))));
        if (audio) {
            ByteBuf adts = Unpooled.wrappedBuffer(SampleMedia.AAC_48K.bytes());
            List<ByteBuf> frames = new ArrayList<>();
            AdtsHeader h = Adts.split(adts, frames);
            formats.add(h.config().toMediaFormat());
            for (int i = 0; i < frames.size(); i++) {
                aac.add(AccessUnit.of(1, Codec.AAC, i * 1024L, true, frames.get(i), 0));
            }
        }
        Fmp4InitSegment init = Fmp4InitSegment.write(formats, ByteBufAllocator.DEFAULT);
        CompositeByteBuf out = Unpooled.compositeBuffer(Integer.MAX_VALUE);
        out.addComponent(true, init.content().retain());
        try (Fmp4FragmentWriter w = new Fmp4FragmentWriter(init.tracks(), ByteBufAllocator.DEFAULT)) {
            int a = 0;
            for (int i = 0; i < units.size(); i++) {
                AccessUnit u = units.get(i);
                if (u.keyframe() && w.hasPending()) {
                    add(out, w.flush(0, u.dts()));
                }
                // Audio up to this picture's time: 48 kHz ticks against 90 kHz.
                while (a < aac.size() && aac.get(a).dts() * 90_000 / 48_000 <= u.dts()) {
                    w.add(aac.get(a++));
                }
                w.add(u);
            }
            add(out, w.flush());
            aac.subList(a, aac.size()).forEach(AccessUnit::release);
        }
        init.release();
        return out;
    }

    private static void add(CompositeByteBuf out, Fmp4Fragment f) {
        out.addComponent(true, f.content().retain());
        f.release();
    }

    private static MediaFormat format(AccessUnit key) {
        byte[][] sets = new byte[3][];
        for (int i = 0; i < key.unitCount(); i++) {
            ByteBuf nal = key.unit(i);
            int slot = key.codec() == Codec.H264
                    ? switch (H264NalType.of(nal)) {
                        case H264NalType.SPS -> 1;
                        case H264NalType.PPS -> 2;
                        default -> -1;
                    }
                    : switch (H265NalType.of(nal)) {
                        case H265NalType.VPS -> 0;
                        case H265NalType.SPS -> 1;
                        case H265NalType.PPS -> 2;
                        default -> -1;
                    };
            if (slot >= 0) {
                sets[slot] = ByteBufUtil.getBytes(nal);
            }
        }
        return key.codec() == Codec.H264 ? new MediaFormat.H264(sets[1], sets[2])
                : new MediaFormat.H265(sets[0], sets[1], sets[2]);
    }
}
