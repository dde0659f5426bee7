package io.argus.media.codec.format.fmp4;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the tracks of a fragmented file's moov and checks that it is what {@link Fmp4InitSegment} writes: see
 * {@link Mp4Structure#validate}.
 */
final class MoovParser {

    private static final String VIDEO = "vide";
    private static final String SOUND = "soun";

    private MoovParser() {
    }

    /** <b>Borrows</b> {@code buf}. @throws Mp4FormatException at the first violation */
    static List<Mp4Structure.Track> parse(ByteBuf buf, Mp4Box moov) {
        moov.require(BoxType.MVHD);
        Set<Long> trexIds = new HashSet<>();
        for (Mp4Box trex : moov.require(BoxType.MVEX).children(BoxType.TREX)) {
            BoxFields f = new BoxFields(buf, trex);
            f.versionAndFlags();
            trexIds.add(f.u32());
        }
        List<Mp4Box> traks = moov.children(BoxType.TRAK);
        if (traks.isEmpty()) {
            throw new Mp4FormatException(moov.offset(), "moov without tracks");
        }
        List<Mp4Structure.Track> tracks = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        for (Mp4Box trak : traks) {
            Mp4Structure.Track t = parseTrak(buf, trak);
            if (!ids.add(t.trackId()) || !trexIds.contains((long) t.trackId())) {
                throw new Mp4FormatException(trak.offset(), "track " + t.trackId() + " repeated or without trex");
            }
            tracks.add(t);
        }
        return tracks;
    }

    /** <b>Borrows</b> {@code buf}. */
    private static Mp4Structure.Track parseTrak(ByteBuf buf, Mp4Box trak) {
        BoxFields tkhd = new BoxFields(buf, trak.require(BoxType.TKHD));
        int version = tkhd.versionAndFlags() >>> 24;
        tkhd.skip(version == 1 ? 16 : 8);
        int trackId = (int) tkhd.u32();
        tkhd.skip(4 + (version == 1 ? 8 : 4) + 8 + 8 + 36);
        int width = (int) (tkhd.u32() >>> 16);
        int height = (int) (tkhd.u32() >>> 16);
        tkhd.expectEnd();
        Mp4Box mdia = trak.require(BoxType.MDIA);
        BoxFields mdhd = new BoxFields(buf, mdia.require(BoxType.MDHD));
        mdhd.skip(mdhd.versionAndFlags() >>> 24 == 1 ? 16 : 8);
        long timescale = mdhd.u32();
        BoxFields hdlr = new BoxFields(buf, mdia.require(BoxType.HDLR));
        hdlr.skip(8);
        String handler = BoxType.name(hdlr.i32());
        if (trackId <= 0 || timescale <= 0 || timescale > Integer.MAX_VALUE
                || !(handler.equals(VIDEO) || handler.equals(SOUND))) {
            throw new Mp4FormatException(trak.offset(), "track " + trackId + ": timescale " + timescale
                    + ", handler " + handler);
        }
        Mp4Box minf = mdia.require(BoxType.MINF);
        minf.require(handler.equals(VIDEO) ? BoxType.VMHD : BoxType.SMHD);
        if (minf.require(BoxType.DINF).require(BoxType.DREF).children().isEmpty()) {
            throw new Mp4FormatException(minf.offset(), "dref without entries");
        }
        Mp4Box entry = checkStbl(buf, minf.require(BoxType.STBL), handler.equals(VIDEO));
        return new Mp4Structure.Track(trackId, handler, (int) timescale, entry.typeName(), width, height);
    }

    /**
     * Checks the sample tables are empty and the one sample entry has its configuration; returns the entry.
     * <b>Borrows</b> {@code buf}.
     */
    private static Mp4Box checkStbl(ByteBuf buf, Mp4Box stbl, boolean video) {
        Mp4Box stsd = stbl.require(BoxType.STSD);
        BoxFields stsdFields = new BoxFields(buf, stsd);
        stsdFields.versionAndFlags();
        if (stsdFields.u32() != 1 || stsd.children().size() != 1) {
            throw new Mp4FormatException(stsd.offset(), "stsd must have exactly one sample entry");
        }
        Mp4Box entry = stsd.children().get(0);
        int config = entry.type() == BoxType.AVC1 ? BoxType.AVCC
                : entry.type() == BoxType.HVC1 ? BoxType.HVCC
                : entry.type() == BoxType.MP4A ? BoxType.ESDS : 0;
        if (config == 0 || video != (config != BoxType.ESDS)) {
            throw new Mp4FormatException(entry.offset(), "unexpected sample entry " + entry.typeName());
        }
        entry.require(config);
        for (int type : new int[] {BoxType.STTS, BoxType.STSC, BoxType.STSZ, BoxType.STCO}) {
            Mp4Box box = stbl.require(type);
            BoxFields f = new BoxFields(buf, box);
            f.versionAndFlags();
            if (type == BoxType.STSZ) {
                f.u32();
            }
            if (f.u32() != 0) {
                throw new Mp4FormatException(box.offset(), box.typeName() + " lists samples in a fragmented file");
            }
            f.expectEnd();
        }
        return entry;
    }
}
