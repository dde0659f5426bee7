package io.argus.media.codec.format.fmp4;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a fragmented MP4 holds, read back strictly: the tracks of its {@code moov} and every fragment's samples.
 * {@link #validate} checks the rules this package writes by (see its javadoc); {@link #lastCompleteFragmentEnd}
 * finds where a file cut short by a crash can be truncated.
 *
 * @param tracks    the tracks, in moov order
 * @param fragments the fragments, in file order
 */
public record Mp4Structure(List<Track> tracks, List<Fragment> fragments) {

    public Mp4Structure {
        tracks = List.copyOf(tracks);
        fragments = List.copyOf(fragments);
    }

    /**
     * A track of the moov.
     *
     * @param trackId     track_ID
     * @param handler     "vide" or "soun"
     * @param timescale   the mdhd timescale
     * @param sampleEntry the type of the one sample entry ("avc1", "hvc1", "mp4a")
     * @param width       tkhd width in pixels (0 for audio)
     * @param height      tkhd height in pixels (0 for audio)
     */
    public record Track(int trackId, String handler, int timescale, String sampleEntry, int width, int height) {
    }

    /**
     * One sample of a run.
     *
     * @param duration          in the track's timescale
     * @param size              bytes in the mdat
     * @param flags             the sample flags (§8.8.3.1)
     * @param compositionOffset pts - dts
     */
    public record Sample(long duration, long size, int flags, long compositionOffset) {

        /** sample_is_non_sync_sample clear. */
        public boolean sync() {
            return (flags & 0x00010000) == 0;
        }
    }

    /**
     * The samples of one traf: of its truns, which lie back to back in the mdat (see {@link Fmp4FragmentReader}).
     *
     * @param trackId             from the tfhd
     * @param baseMediaDecodeTime the tfdt
     * @param dataOffset          where its first sample starts, from the start of the bytes read
     * @param samples             its samples, in decode order
     */
    public record Run(int trackId, long baseMediaDecodeTime, long dataOffset, List<Sample> samples) {

        public Run {
            samples = List.copyOf(samples);
        }

        public long duration() {
            return samples.stream().mapToLong(Sample::duration).sum();
        }

        public long dataSize() {
            return samples.stream().mapToLong(Sample::size).sum();
        }
    }

    /**
     * A moof and the mdat right after it.
     *
     * @param offset         where the moof starts
     * @param end            where the mdat ends
     * @param sequenceNumber the mfhd sequence number
     * @param runs           the runs, in traf order
     */
    public record Fragment(long offset, long end, long sequenceNumber, List<Run> runs) {

        public Fragment {
            runs = List.copyOf(runs);
        }
    }

    /**
     * Reads and checks a whole file: {@code ftyp}, then a {@code moov} whose tracks each have a tkhd, mdhd, hdlr
     * (vide/soun), vmhd/smhd, dref, one sample entry (avc1+avcC, hvc1+hvcC or mp4a+esds) and empty
     * stts/stsc/stsz/stco, and a trex each; then only {@code moof}+{@code mdat} pairs, each moof with an mfhd whose
     * sequence numbers increase, trafs of known tracks (at most one per track) with default-base-is-moof, a tfdt
     * that increases per track from fragment to fragment, and truns whose data offsets and sample sizes tile the
     * following mdat's payload exactly. <b>Borrows</b> {@code file}; offsets count from its reader index.
     *
     * @throws Mp4FormatException at the first violation
     */
    public static Mp4Structure validate(ByteBuf file) {
        List<Mp4Box> boxes = Mp4BoxReader.read(file);
        if (boxes.size() < 2 || boxes.get(0).type() != BoxType.FTYP || boxes.get(1).type() != BoxType.MOOV) {
            throw new Mp4FormatException(0, "a fragmented MP4 starts with ftyp and moov: " + boxes);
        }
        List<Track> tracks = MoovParser.parse(file, boxes.get(1));
        Set<Integer> trackIds = new HashSet<>();
        tracks.forEach(t -> trackIds.add(t.trackId()));
        List<Fragment> fragments = new ArrayList<>();
        Map<Integer, Long> lastTfdt = new HashMap<>();
        long lastSequence = -1;
        for (int i = 2; i < boxes.size(); i += 2) {
            Mp4Box moof = boxes.get(i);
            if (moof.type() != BoxType.MOOF || i + 1 >= boxes.size() || boxes.get(i + 1).type() != BoxType.MDAT) {
                throw new Mp4FormatException(moof.offset(), "expected a moof followed by an mdat, found "
                        + moof.typeName());
            }
            Fragment f = Fmp4FragmentReader.read(file, moof, boxes.get(i + 1));
            if (f.sequenceNumber() <= lastSequence) {
                throw new Mp4FormatException(moof.offset(), "sequence number " + f.sequenceNumber()
                        + " not above " + lastSequence);
            }
            lastSequence = f.sequenceNumber();
            Set<Integer> seen = new HashSet<>();
            for (Run r : f.runs()) {
                if (!trackIds.contains(r.trackId()) || !seen.add(r.trackId())) {
                    throw new Mp4FormatException(moof.offset(), "traf of unknown or repeated track " + r.trackId());
                }
                Long last = lastTfdt.put(r.trackId(), r.baseMediaDecodeTime());
                if (last != null && r.baseMediaDecodeTime() <= last) {
                    throw new Mp4FormatException(moof.offset(), "tfdt " + r.baseMediaDecodeTime() + " of track "
                            + r.trackId() + " not above " + last);
                }
            }
            fragments.add(f);
        }
        return new Mp4Structure(tracks, fragments);
    }

    /**
     * Where to truncate a file that a crash may have cut anywhere: just after the last complete, self-consistent
     * moof+mdat pair (the moof parses and its runs tile the mdat); just after the moov if no fragment is complete;
     * 0 if the init segment itself is incomplete. A size-0 box (what a file system leaves when it extended the file
     * but not the data) ends the search like a cut does. Never throws. <b>Borrows</b> {@code file}.
     */
    public static long lastCompleteFragmentEnd(ByteBuf file) {
        long end = file.readableBytes();
        long good = 0;
        try {
            Mp4Box ftyp = Mp4BoxReader.readHeader(file, 0, end);
            if (ftyp == null || ftyp.type() != BoxType.FTYP) {
                return 0;
            }
            Mp4Box moov = Mp4BoxReader.readHeader(file, ftyp.end(), end);
            if (moov == null || moov.type() != BoxType.MOOV) {
                return 0;
            }
            good = moov.end();
            while (true) {
                Mp4Box moof = Mp4BoxReader.readHeader(file, good, end);
                if (moof == null || moof.type() != BoxType.MOOF) {
                    return good;
                }
                Mp4Box mdat = Mp4BoxReader.readHeader(file, moof.end(), end);
                if (mdat == null || mdat.type() != BoxType.MDAT) {
                    return good;
                }
                Fmp4FragmentReader.read(file, Mp4BoxReader.readTree(file, moof), mdat);
                good = mdat.end();
            }
        } catch (Mp4FormatException damaged) {
            return good;
        }
    }

    /** The track with this id, or null. */
    public Track track(int trackId) {
        return tracks.stream().filter(t -> t.trackId() == trackId).findFirst().orElse(null);
    }

    /** The samples of a track over all fragments. */
    public List<Sample> samples(int trackId) {
        return fragments.stream().flatMap(f -> f.runs().stream()).filter(r -> r.trackId() == trackId)
                .flatMap(r -> r.samples().stream()).toList();
    }
}
