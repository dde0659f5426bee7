package io.argus.media.codec.format.fmp4;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.DefaultByteBufHolder;
import java.util.List;

/**
 * One written fragment ({@code moof} + {@code mdat}, ISO/IEC 14496-12 §8.8.4) and what an index row or a playlist
 * needs to know about it. The content is a {@link CompositeByteBuf} whose components are the box headers, the
 * 4-byte NAL length prefixes and retained slices of the access units' payloads: write it with a gathering write
 * ({@code FileChannel.write(content.nioBuffers())} or a Netty channel), never copy it.
 *
 * <p>Ownership: the holder owns its content, which keeps the payload buffers alive; whoever uses it last releases
 * it.
 */
public final class Fmp4Fragment extends DefaultByteBufHolder {

    /**
     * One track's run of samples in the fragment.
     *
     * @param track                the track's index in the format list (track_ID - 1), as in
     *                             {@link io.argus.media.codec.AccessUnit#track()}
     * @param timescale            ticks per second of the times below
     * @param baseMediaDecodeTime  the tfdt: decode time of the first sample
     * @param duration             the sum of the sample durations
     * @param samples              the number of samples
     * @param startsWithKeyframe   whether the first sample is a sync sample
     */
    public record Run(int track, int timescale, long baseMediaDecodeTime, long duration, int samples,
                      boolean startsWithKeyframe) {

        /** The duration in seconds. */
        public double durationSeconds() {
            return (double) duration / timescale;
        }
    }

    private final long sequenceNumber;
    private final List<Run> runs;

    Fmp4Fragment(ByteBuf content, long sequenceNumber, List<Run> runs) {
        super(content);
        this.sequenceNumber = sequenceNumber;
        this.runs = runs;
    }

    /** The mfhd sequence_number. */
    public long sequenceNumber() {
        return sequenceNumber;
    }

    /** The runs, in track order; tracks with no sample in this fragment have none. */
    public List<Run> runs() {
        return runs;
    }

    /** The run of a track, or null if the fragment has no sample of it. */
    public Run run(int track) {
        for (Run r : runs) {
            if (r.track() == track) {
                return r;
            }
        }
        return null;
    }

    /**
     * True when decoding can start here: every run starts with a sync sample (always so for audio). The LL-HLS
     * {@code INDEPENDENT=YES} attribute and a recorder's seek index use it.
     */
    public boolean independent() {
        for (Run r : runs) {
            if (!r.startsWithKeyframe()) {
                return false;
            }
        }
        return true;
    }

    /** The longest run's duration in seconds: the {@code EXTINF} / part {@code DURATION} of the fragment. */
    public double durationSeconds() {
        double max = 0;
        for (Run r : runs) {
            max = Math.max(max, r.durationSeconds());
        }
        return max;
    }

    @Override
    public Fmp4Fragment replace(ByteBuf content) {
        return new Fmp4Fragment(content, sequenceNumber, runs);
    }

    @Override
    public Fmp4Fragment copy() {
        return replace(content().copy());
    }

    @Override
    public Fmp4Fragment duplicate() {
        return replace(content().duplicate());
    }

    @Override
    public Fmp4Fragment retainedDuplicate() {
        return replace(content().retainedDuplicate());
    }

    @Override
    public Fmp4Fragment retain() {
        super.retain();
        return this;
    }

    @Override
    public Fmp4Fragment retain(int increment) {
        super.retain(increment);
        return this;
    }

    @Override
    public Fmp4Fragment touch() {
        super.touch();
        return this;
    }

    @Override
    public Fmp4Fragment touch(Object hint) {
        super.touch(hint);
        return this;
    }

    @Override
    public String toString() {
        return "Fmp4Fragment[seq=" + sequenceNumber + ", " + runs + ", " + content().readableBytes() + " bytes]";
    }
}
