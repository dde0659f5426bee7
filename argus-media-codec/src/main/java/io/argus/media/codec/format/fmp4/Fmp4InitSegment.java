package io.argus.media.codec.format.fmp4;

import io.argus.media.codec.MediaFormat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.DefaultByteBufHolder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The init segment of a fragmented MP4 (ISO/IEC 14496-12 §8.8, CMAF header): {@code ftyp} + {@code moov} with one
 * track per format and no samples. Every recorded chunk, HLS rendition, export and MSE stream starts with one;
 * the fragments that follow are written by {@link Fmp4FragmentWriter} from the same format list.
 *
 * <p>Brands: major {@code iso6} (tfdt, default-base-is-moof), compatible {@code iso6 isom mp41}, plus {@code cmfc}
 * when there is exactly one track (a CMAF header has one track, ISO/IEC 23000-19 §7.3.2.2). ffmpeg, hls.js,
 * Chrome/Firefox MSE and Safari take these; none of them requires a particular brand.
 *
 * <p>Ownership: the holder owns its buffer; whoever uses it last releases it.
 */
public final class Fmp4InitSegment extends DefaultByteBufHolder {

    private static final int BRAND_ISO6 = BoxType.of("iso6");
    private static final int BRAND_ISOM = BoxType.of("isom");
    private static final int BRAND_MP41 = BoxType.of("mp41");
    private static final int BRAND_CMFC = BoxType.of("cmfc");
    /** An ftyp plus a moov with a few parameter sets: allocate once, let it grow for unusually large ones. */
    private static final int INITIAL_CAPACITY = 1024;

    private final List<Fmp4Track> tracks;

    private Fmp4InitSegment(ByteBuf content, List<Fmp4Track> tracks) {
        super(content);
        this.tracks = tracks;
    }

    /**
     * Writes the init segment of a live recording (duration unknown). Track i of {@code formats} is MP4 track_ID
     * i + 1, and access units of {@link io.argus.media.codec.AccessUnit#track()} i belong to it.
     *
     * @throws IllegalArgumentException if a format lacks its parameter sets (not yet seen in band) or they do not
     *                                  parse, or the list is empty
     */
    public static Fmp4InitSegment write(List<? extends MediaFormat> formats, ByteBufAllocator alloc) {
        return write(formats, null, alloc);
    }

    /**
     * As {@link #write(List, ByteBufAllocator)}, with the total duration known (an export): it goes into a
     * {@code mehd} so players show the length before reading every fragment. {@code totalDuration} null means
     * unknown.
     */
    public static Fmp4InitSegment write(List<? extends MediaFormat> formats, Duration totalDuration,
                                        ByteBufAllocator alloc) {
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("an init segment needs at least one track");
        }
        List<SampleEntry> entries = new ArrayList<>(formats.size());
        List<Fmp4Track> tracks = new ArrayList<>(formats.size());
        for (int i = 0; i < formats.size(); i++) {
            MediaFormat format = formats.get(i);
            SampleEntry entry = SampleEntry.of(format);
            entries.add(entry);
            tracks.add(new Fmp4Track(i + 1, format, format.clockRate(), entry.codecs(), entry.width(),
                    entry.height()));
        }
        ByteBuf out = alloc.buffer(INITIAL_CAPACITY);
        writeFtyp(out, tracks.size() == 1);
        MoovWriter.write(out, entries, tracks, totalDuration == null ? -1 : totalDuration.toMillis());
        return new Fmp4InitSegment(out, List.copyOf(tracks));
    }

    /** <b>Borrows</b> {@code out}, appending the ftyp. */
    private static void writeFtyp(ByteBuf out, boolean singleTrack) {
        int ftyp = Boxes.begin(out, BoxType.FTYP);
        out.writeInt(BRAND_ISO6);
        out.writeInt(0);
        out.writeInt(BRAND_ISO6);
        if (singleTrack) {
            out.writeInt(BRAND_CMFC);
        }
        out.writeInt(BRAND_ISOM);
        out.writeInt(BRAND_MP41);
        Boxes.end(out, ftyp);
    }

    /** The tracks in track_ID order. */
    public List<Fmp4Track> tracks() {
        return tracks;
    }

    /** The codecs of all tracks, comma-separated, for HLS {@code CODECS="..."} and an MSE MIME type. */
    public String codecs() {
        return tracks.stream().map(Fmp4Track::codecs).collect(Collectors.joining(","));
    }

    @Override
    public Fmp4InitSegment replace(ByteBuf content) {
        return new Fmp4InitSegment(content, tracks);
    }

    @Override
    public Fmp4InitSegment copy() {
        return replace(content().copy());
    }

    @Override
    public Fmp4InitSegment duplicate() {
        return replace(content().duplicate());
    }

    @Override
    public Fmp4InitSegment retainedDuplicate() {
        return replace(content().retainedDuplicate());
    }

    @Override
    public Fmp4InitSegment retain() {
        super.retain();
        return this;
    }

    @Override
    public Fmp4InitSegment retain(int increment) {
        super.retain(increment);
        return this;
    }

    @Override
    public Fmp4InitSegment touch() {
        super.touch();
        return this;
    }

    @Override
    public Fmp4InitSegment touch(Object hint) {
        super.touch(hint);
        return this;
    }

    @Override
    public String toString() {
        return "Fmp4InitSegment[" + codecs() + ", " + content().readableBytes() + " bytes]";
    }
}
