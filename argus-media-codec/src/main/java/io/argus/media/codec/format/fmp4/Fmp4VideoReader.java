package io.argus.media.codec.format.fmp4;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.Codec;
import io.argus.media.codec.MediaFormat;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongUnaryOperator;

/**
 * Reads the video of a fragmented MP4 back into {@link AccessUnit}s, for transcoding recorded chunks: the first
 * video track's format from its init segment's {@code avcC} (ISO/IEC 14496-15 §5.3.3.1) or {@code hvcC}
 * (§8.3.3.1), and each fragment's samples of that track, split into NAL units at their length prefixes. Other
 * tracks (audio) are skipped. The access units' NAL units are retained slices of the fragment's bytes: no copy.
 */
public final class Fmp4VideoReader {
    /** The AccessUnit clock of video: 90 kHz. */
    private static final long AU_CLOCK = 90_000;
    /** hvcC bytes before its array count (§8.3.3.1.1). */
    private static final int HVCC_FIXED = 22;
    private static final int HEVC_VPS = 32;
    private static final int HEVC_SPS = 33;
    private static final int HEVC_PPS = 34;

    /**
     * The video track of a chunk.
     *
     * @param trackId       its track_ID
     * @param timescale     its mdhd timescale
     * @param format        its codec and parameter sets
     * @param nalLengthSize bytes of each NAL unit's length prefix (1, 2 or 4)
     */
    public record VideoTrack(int trackId, int timescale, MediaFormat format, int nalLengthSize) {
    }

    private Fmp4VideoReader() {
    }

    /**
     * The first video track of an init segment ({@code ftyp} + {@code moov}). <b>Borrows</b> {@code init}.
     *
     * @throws Mp4FormatException if it is no init segment, has no H.264/H.265 track or its configuration is short
     */
    public static VideoTrack videoTrack(ByteBuf init) {
        Mp4Box moov = null;
        for (Mp4Box b : Mp4BoxReader.read(init)) {
            if (b.type() == BoxType.MOOV) {
                moov = b;
            }
        }
        if (moov == null) {
            throw new Mp4FormatException(0, "an init segment without moov");
        }
        List<Mp4Structure.Track> tracks = MoovParser.parse(init, moov);
        List<Mp4Box> traks = moov.children(BoxType.TRAK);
        for (int i = 0; i < traks.size(); i++) {
            Mp4Structure.Track t = tracks.get(i);
            Mp4Box stsd = traks.get(i).find("mdia/minf/stbl/stsd");
            if (!t.handler().equals("vide") || stsd == null || stsd.children().isEmpty()) {
                continue;
            }
            Mp4Box entry = stsd.children().get(0);
            if (entry.type() == BoxType.AVC1) {
                return avc(init, t, entry.require(BoxType.AVCC));
            }
            if (entry.type() == BoxType.HVC1) {
                return hevc(init, t, entry.require(BoxType.HVCC));
            }
        }
        throw new Mp4FormatException(moov.offset(), "no H.264 or H.265 video track");
    }

    private static VideoTrack avc(ByteBuf buf, Mp4Structure.Track t, Mp4Box avcc) {
        Cursor c = new Cursor(buf, avcc);
        c.skip(4);
        int lengthSize = (c.u8() & 3) + 1;
        byte[] sps = null;
        for (int n = c.u8() & 0x1f; n > 0; n--) {
            byte[] ps = c.bytes(c.u16());
            sps = sps == null ? ps : sps;
        }
        byte[] pps = null;
        for (int n = c.u8(); n > 0; n--) {
            byte[] ps = c.bytes(c.u16());
            pps = pps == null ? ps : pps;
        }
        return new VideoTrack(t.trackId(), t.timescale(), new MediaFormat.H264(sps, pps), lengthSize);
    }

    private static VideoTrack hevc(ByteBuf buf, Mp4Structure.Track t, Mp4Box hvcc) {
        Cursor c = new Cursor(buf, hvcc);
        c.skip(HVCC_FIXED - 1);
        int lengthSize = (c.u8() & 3) + 1;
        byte[][] sets = new byte[3][];
        for (int arrays = c.u8(); arrays > 0; arrays--) {
            int type = c.u8() & 0x3f;
            for (int n = c.u16(); n > 0; n--) {
                byte[] ps = c.bytes(c.u16());
                int slot = type - HEVC_VPS;
                if (type >= HEVC_VPS && type <= HEVC_PPS && sets[slot] == null) {
                    sets[slot] = ps;
                }
            }
        }
        return new VideoTrack(t.trackId(), t.timescale(), new MediaFormat.H265(sets[0], sets[1], sets[2]),
                lengthSize);
    }

    /**
     * Hands out the samples of {@code track} in {@code fragments} (whole {@code moof} + {@code mdat} pairs, back to
     * back) as access units of track 0 at 90 kHz, in decode order. <b>Borrows</b> {@code fragments}; each access
     * unit holds retained slices of it, and {@code out} <b>takes ownership</b> of it.
     *
     * @param decodeTime maps a run's stored {@code tfdt} to the decode time wanted (in the track's timescale), e.g.
     *                   onto the wall clock
     * @throws Mp4FormatException if the bytes are not whole fragments or a sample's NAL lengths overrun it
     */
    public static void accessUnits(ByteBuf fragments, VideoTrack track, LongUnaryOperator decodeTime,
                                   Consumer<AccessUnit> out) {
        List<Mp4Box> boxes = Mp4BoxReader.read(fragments);
        Codec codec = track.format().codec();
        List<ByteBuf> nals = new ArrayList<>();
        for (int i = 0; i + 1 < boxes.size(); i++) {
            Mp4Box moof = boxes.get(i);
            if (moof.type() != BoxType.MOOF || boxes.get(i + 1).type() != BoxType.MDAT) {
                continue;
            }
            Mp4Structure.Fragment f = Fmp4FragmentReader.read(fragments, moof, boxes.get(i + 1));
            for (Mp4Structure.Run run : f.runs()) {
                if (run.trackId() != track.trackId()) {
                    continue;
                }
                long dts = decodeTime.applyAsLong(run.baseMediaDecodeTime());
                long at = run.dataOffset();
                for (Mp4Structure.Sample s : run.samples()) {
                    split(fragments, (int) at, (int) s.size(), track.nalLengthSize(), nals);
                    ByteBuf[] units = nals.toArray(new ByteBuf[0]);
                    nals.clear();
                    out.accept(AccessUnit.of(0, codec, clock(dts + s.compositionOffset(), track.timescale()),
                            clock(dts, track.timescale()), s.sync(), units, units.length, System.nanoTime()));
                    dts += s.duration();
                    at += s.size();
                }
            }
        }
    }

    /** Slices the NAL units of one sample at {@code at} (from the reader index), each behind its length. */
    private static void split(ByteBuf buf, int at, int size, int lengthSize, List<ByteBuf> out) {
        int base = buf.readerIndex() + at;
        int pos = 0;
        while (pos + lengthSize <= size) {
            long n = 0;
            for (int k = 0; k < lengthSize; k++) {
                n = (n << 8) | buf.getUnsignedByte(base + pos + k);
            }
            pos += lengthSize;
            if (n > size - pos) {
                out.forEach(ByteBuf::release);
                out.clear();
                throw new Mp4FormatException(at, "a NAL unit of " + n + " bytes overruns its sample of " + size);
            }
            if (n > 0 && out.size() < AccessUnit.MAX_UNITS) {
                out.add(buf.retainedSlice(base + pos, (int) n));
            }
            pos += (int) n;
        }
    }

    /** {@code ticks} of {@code timescale} at 90 kHz, without overflow for wall-clock times. */
    static long clock(long ticks, int timescale) {
        if (timescale == AU_CLOCK) {
            return ticks;
        }
        return Math.floorDiv(ticks, timescale) * AU_CLOCK + Math.floorMod(ticks, timescale) * AU_CLOCK / timescale;
    }

    /** Reads a box's payload field by field, never past its end. */
    private static final class Cursor {
        private final ByteBuf buf;
        private final Mp4Box box;
        private long pos;

        Cursor(ByteBuf buf, Mp4Box box) {
            this.buf = buf;
            this.box = box;
            this.pos = box.payloadOffset();
        }

        private int at(int n) {
            if (pos + n > box.end()) {
                throw new Mp4FormatException(box.offset(), box.typeName() + " ends before its fields");
            }
            int i = buf.readerIndex() + (int) pos;
            pos += n;
            return i;
        }

        void skip(int n) {
            at(n);
        }

        int u8() {
            return buf.getUnsignedByte(at(1));
        }

        int u16() {
            return buf.getUnsignedShort(at(2));
        }

        byte[] bytes(int n) {
            byte[] b = new byte[n];
            buf.getBytes(at(n), b);
            return b;
        }
    }
}
