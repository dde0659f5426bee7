package io.argus.media.codec.format.fmp4;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes the {@code moov} of a fragmented file (ISO/IEC 14496-12 §8.2–8.8): a movie header, {@code mvex} with a
 * {@code trex} per track, and per track a {@code trak} whose sample tables are empty, since every sample lives in
 * a fragment. Every method appends to {@code out}, which it <b>borrows</b>.
 */
final class MoovWriter {

    /** The movie timescale, used only for mvhd and mehd: milliseconds (samples are in each track's own scale). */
    static final int MOVIE_TIMESCALE = 1000;
    /** tkhd flags track_enabled | track_in_movie (§8.3.2.3). */
    private static final int TRACK_ENABLED_IN_MOVIE = 0x000003;
    /** vmhd flags must be 1 (§12.1.2.2). */
    private static final int VMHD_FLAGS = 0x000001;
    /** A dref entry with this flag set means "the media is in this file" and has no location (§8.7.2.3). */
    private static final int SELF_CONTAINED = 0x000001;
    /** Playback rate 1.0 (16.16) and full volume (8.8), mvhd's fixed values. */
    private static final int RATE_1 = 0x00010000;
    private static final int VOLUME_1 = 0x0100;
    /** ISO 639-2 "und" packed as three 5-bit letters (§8.4.2.3): the camera does not tell us the language. */
    private static final int LANGUAGE_UND = ('u' - 0x60) << 10 | ('n' - 0x60) << 5 | ('d' - 0x60);
    private static final int HANDLER_VIDEO = BoxType.of("vide");
    private static final int HANDLER_SOUND = BoxType.of("soun");

    private MoovWriter() {
    }

    /**
     * Appends the moov. <b>Borrows</b> {@code out}.
     *
     * @param durationMillis the whole presentation's duration for mehd, or a negative value when unknown (live)
     */
    static void write(ByteBuf out, List<SampleEntry> entries, List<Fmp4Track> tracks, long durationMillis) {
        int moov = Boxes.begin(out, BoxType.MOOV);
        writeMvhd(out, tracks.size() + 1);
        int mvex = Boxes.begin(out, BoxType.MVEX);
        if (durationMillis >= 0) {
            int mehd = Boxes.beginFull(out, BoxType.MEHD, 1, 0);
            out.writeLong(durationMillis);
            Boxes.end(out, mehd);
        }
        for (Fmp4Track track : tracks) {
            int trex = Boxes.beginFull(out, BoxType.TREX, 0, 0);
            out.writeInt(track.trackId());
            out.writeInt(1);
            out.writeInt(0);
            out.writeInt(0);
            out.writeInt(0);
            Boxes.end(out, trex);
        }
        Boxes.end(out, mvex);
        for (int i = 0; i < tracks.size(); i++) {
            writeTrak(out, entries.get(i), tracks.get(i));
        }
        Boxes.end(out, moov);
    }

    private static void writeMvhd(ByteBuf out, int nextTrackId) {
        int mvhd = Boxes.beginFull(out, BoxType.MVHD, 0, 0);
        out.writeInt(0);
        out.writeInt(0);
        out.writeInt(MOVIE_TIMESCALE);
        out.writeInt(0);
        out.writeInt(RATE_1);
        out.writeShort(VOLUME_1);
        out.writeZero(2 + 8);
        Boxes.writeUnityMatrix(out);
        out.writeZero(24);
        out.writeInt(nextTrackId);
        Boxes.end(out, mvhd);
    }

    private static void writeTrak(ByteBuf out, SampleEntry entry, Fmp4Track track) {
        int trak = Boxes.begin(out, BoxType.TRAK);
        writeTkhd(out, entry, track);
        int mdia = Boxes.begin(out, BoxType.MDIA);
        int mdhd = Boxes.beginFull(out, BoxType.MDHD, 0, 0);
        out.writeInt(0);
        out.writeInt(0);
        out.writeInt(track.timescale());
        out.writeInt(0);
        out.writeShort(LANGUAGE_UND);
        out.writeShort(0);
        Boxes.end(out, mdhd);
        writeHdlr(out, entry.video());
        int minf = Boxes.begin(out, BoxType.MINF);
        if (entry.video()) {
            int vmhd = Boxes.beginFull(out, BoxType.VMHD, 0, VMHD_FLAGS);
            out.writeZero(8);
            Boxes.end(out, vmhd);
        } else {
            int smhd = Boxes.beginFull(out, BoxType.SMHD, 0, 0);
            out.writeZero(4);
            Boxes.end(out, smhd);
        }
        writeDinf(out);
        writeStbl(out, entry);
        Boxes.end(out, minf);
        Boxes.end(out, mdia);
        Boxes.end(out, trak);
    }

    private static void writeTkhd(ByteBuf out, SampleEntry entry, Fmp4Track track) {
        int tkhd = Boxes.beginFull(out, BoxType.TKHD, 0, TRACK_ENABLED_IN_MOVIE);
        out.writeInt(0);
        out.writeInt(0);
        out.writeInt(track.trackId());
        out.writeInt(0);
        out.writeInt(0);
        out.writeZero(8);
        out.writeShort(0);
        out.writeShort(0);
        out.writeShort(entry.video() ? 0 : VOLUME_1);
        out.writeShort(0);
        Boxes.writeUnityMatrix(out);
        out.writeInt(entry.width() << 16);
        out.writeInt(entry.height() << 16);
        Boxes.end(out, tkhd);
    }

    private static void writeHdlr(ByteBuf out, boolean video) {
        int hdlr = Boxes.beginFull(out, BoxType.HDLR, 0, 0);
        out.writeInt(0);
        out.writeInt(video ? HANDLER_VIDEO : HANDLER_SOUND);
        out.writeZero(12);
        out.writeBytes((video ? "VideoHandler" : "SoundHandler").getBytes(StandardCharsets.US_ASCII));
        out.writeByte(0);
        Boxes.end(out, hdlr);
    }

    private static void writeDinf(ByteBuf out) {
        int dinf = Boxes.begin(out, BoxType.DINF);
        int dref = Boxes.beginFull(out, BoxType.DREF, 0, 0);
        out.writeInt(1);
        int url = Boxes.beginFull(out, BoxType.URL, 0, SELF_CONTAINED);
        Boxes.end(out, url);
        Boxes.end(out, dref);
        Boxes.end(out, dinf);
    }

    /** stsd with the one entry; stts, stsc, stsz and stco with no samples (§8.8.1: samples are in fragments). */
    private static void writeStbl(ByteBuf out, SampleEntry entry) {
        int stbl = Boxes.begin(out, BoxType.STBL);
        int stsd = Boxes.beginFull(out, BoxType.STSD, 0, 0);
        out.writeInt(1);
        entry.write(out);
        Boxes.end(out, stsd);
        for (int type : new int[] {BoxType.STTS, BoxType.STSC}) {
            int box = Boxes.beginFull(out, type, 0, 0);
            out.writeInt(0);
            Boxes.end(out, box);
        }
        int stsz = Boxes.beginFull(out, BoxType.STSZ, 0, 0);
        out.writeInt(0);
        out.writeInt(0);
        Boxes.end(out, stsz);
        int stco = Boxes.beginFull(out, BoxType.STCO, 0, 0);
        out.writeInt(0);
        Boxes.end(out, stco);
        Boxes.end(out, stbl);
    }
}
