package io.argus.storage.playback;

import io.argus.media.codec.format.fmp4.Mp4Structure;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a stored chunk holds, as far as playback needs it: its init segment's size and tracks, and its fragments.
 * Read once per closed chunk by {@link ChunkFragments} (closed chunks are immutable); of a chunk still being
 * recorded, as far as it is written.
 *
 * @param location        the chunk's location in its store
 * @param initSize        bytes of {@code ftyp} + {@code moov} at the start of the chunk
 * @param tracks          the moov's tracks
 * @param formatSignature the sample descriptions ({@code stsd}) of every track, hex: equal signatures mean one
 *                        init segment describes both chunks' samples (same codecs, parameter sets, resolutions)
 * @param fragments       the fragments in file order
 */
public record ChunkMedia(String location, long initSize, List<Mp4Structure.Track> tracks, String formatSignature,
                         List<ChunkFragment> fragments) {

    public ChunkMedia {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(formatSignature, "formatSignature");
        tracks = List.copyOf(tracks);
        fragments = List.copyOf(fragments);
        if (tracks.isEmpty()) {
            throw new IllegalArgumentException("a chunk without tracks: " + location);
        }
    }

    /** Where its last fragment ends (the init segment's end without one): the bytes this map describes. */
    public long end() {
        return fragments.isEmpty() ? initSize : fragments.get(fragments.size() - 1).end();
    }

    /** The track that times the chunk: its first video track, else its first track. */
    public Mp4Structure.Track primaryTrack() {
        return tracks.stream().filter(t -> t.handler().equals("vide")).findFirst().orElse(tracks.get(0));
    }

    /** The timescale of a track; 0 if the moov has no such track. */
    public int timescale(int trackId) {
        Mp4Structure.Track t = track(trackId);
        return t == null ? 0 : t.timescale();
    }

    public Mp4Structure.Track track(int trackId) {
        for (Mp4Structure.Track t : tracks) {
            if (t.trackId() == trackId) {
                return t;
            }
        }
        return null;
    }

    /** The decode time of a track's first sample in the chunk, or -1 if the track has no sample. */
    public long firstTfdt(int trackId) {
        for (ChunkFragment f : fragments) {
            FragmentRun r = f.run(trackId);
            if (r != null) {
                return r.baseMediaDecodeTime();
            }
        }
        return -1;
    }

    /** The tracks for people: {@code avc1 1920x1080, mp4a}. */
    public String describe() {
        return tracks.stream().map(t -> t.width() > 0 ? t.sampleEntry() + " " + t.width() + "x" + t.height()
                : t.sampleEntry()).collect(Collectors.joining(", "));
    }
}
