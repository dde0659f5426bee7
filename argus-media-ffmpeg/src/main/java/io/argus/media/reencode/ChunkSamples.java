package io.argus.media.reencode;

import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.format.fmp4.Fmp4InitReader;
import io.argus.media.codec.format.fmp4.Mp4FormatException;
import io.argus.media.codec.format.fmp4.Mp4Structure;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A recorded chunk taken apart: its tracks' formats and every sample with its fragment, decode and presentation
 * time and place in the file, in file order. <b>Borrows</b> the chunk's bytes, which must outlive it.
 */
final class ChunkSamples {
    /** One sample; {@code track} is 0-based (track_ID - 1), {@code fragment} the index of its moof. */
    record Sample(int fragment, int track, long dts, long pts, boolean sync, long offset, int size) {
    }

    final List<MediaFormat> formats;
    final List<Sample> samples;
    final int fragments;
    final int video;

    private ChunkSamples(List<MediaFormat> formats, List<Sample> samples, int fragments, int video) {
        this.formats = formats;
        this.samples = samples;
        this.fragments = fragments;
        this.video = video;
    }

    /** @throws Mp4FormatException if the bytes are not a chunk as the recorder writes it */
    static ChunkSamples of(ByteBuf chunk) {
        Mp4Structure s = Mp4Structure.validate(chunk);
        List<MediaFormat> formats = Fmp4InitReader.formats(chunk);
        int video = -1;
        for (int i = 0; i < formats.size() && video < 0; i++) {
            video = formats.get(i).codec().isVideo() ? i : -1;
        }
        List<Sample> out = new ArrayList<>();
        for (int f = 0; f < s.fragments().size(); f++) {
            for (Mp4Structure.Run r : s.fragments().get(f).runs()) {
                long dts = r.baseMediaDecodeTime();
                long offset = r.dataOffset();
                for (Mp4Structure.Sample x : r.samples()) {
                    out.add(new Sample(f, r.trackId() - 1, dts, dts + x.compositionOffset(), x.sync(), offset,
                            (int) x.size()));
                    dts += x.duration();
                    offset += x.size();
                }
            }
        }
        return new ChunkSamples(formats, List.copyOf(out), s.fragments().size(), video);
    }

    /** The samples of one track, in decode order. */
    List<Sample> track(int track) {
        return samples.stream().filter(x -> x.track() == track).toList();
    }

    /** The decode times of a track's samples, in decode order. */
    long[] decodeTimes(int track) {
        return track(track).stream().mapToLong(Sample::dts).toArray();
    }

    /** The presentation times of a track's samples, in presentation order. */
    long[] presentationTimes(int track) {
        long[] p = track(track).stream().mapToLong(Sample::pts).toArray();
        Arrays.sort(p);
        return p;
    }

    /** The first decode time of {@code track} in fragment {@code fragment}, or -1 if the fragment has none. */
    long firstDts(int fragment, int track) {
        for (Sample x : samples) {
            if (x.fragment() == fragment && x.track() == track) {
                return x.dts();
            }
        }
        return -1;
    }
}
