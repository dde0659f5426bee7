package io.argus.media.codec.format.fmp4;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.Codec;
import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.aac.AudioSpecificConfig;
import io.argus.media.codec.h264.H264NalType;
import io.argus.media.codec.h265.H265NalType;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * One track of a {@link Fmp4FragmentWriter}: the access units waiting for the next fragment, and the timing the
 * track has seen, which decides the durations of samples whose successor is not known yet.
 */
final class TrackQueue {

    /** trun sample_duration is 32 bits: a larger gap (13 hours at 90 kHz) cannot be one sample. */
    static final long MAX_SAMPLE_DURATION = 0xffff_ffffL;
    /**
     * The frame rate assumed for a video sample whose duration nothing tells (a single-sample first fragment and
     * no next dts): 25 fps, the most common camera rate. Only that one sample's duration can be off.
     */
    private static final int ASSUMED_FRAME_RATE = 25;

    final int track;
    final int timescale;
    final Codec codec;
    final boolean video;
    private final long fallbackDuration;
    final List<AccessUnit> pending = new ArrayList<>();
    /** Of the last sample accepted (pending or written); Long.MIN_VALUE before the first. */
    private long lastDts = Long.MIN_VALUE;
    /** Of the last sample written; 0 before the first fragment. */
    private long lastDuration;

    TrackQueue(Fmp4Track t) {
        this.track = t.trackId() - 1;
        this.timescale = t.timescale();
        this.codec = t.format().codec();
        this.video = codec.isVideo();
        this.fallbackDuration = t.format() instanceof MediaFormat.Aac aac
                ? AudioSpecificConfig.parse(aac.audioSpecificConfig()).frameLength()
                : t.timescale() / ASSUMED_FRAME_RATE;
    }

    /** Whether {@code au} can follow what this track has: decode time strictly later, within a 32-bit gap. */
    boolean accepts(AccessUnit au) {
        long offset = au.pts() - au.dts();
        return (lastDts == Long.MIN_VALUE || au.dts() > lastDts && au.dts() - lastDts <= MAX_SAMPLE_DURATION)
                && offset >= Integer.MIN_VALUE && offset <= Integer.MAX_VALUE && sampleSize(au) > 0;
    }

    /** Adds an accepted access unit. <b>Takes ownership</b> of {@code au}. */
    void add(AccessUnit au) {
        pending.add(au);
        lastDts = au.dts();
    }

    /**
     * The duration of pending sample {@code i}: the gap to the next sample; for the last one the gap to
     * {@code nextDts} when known (greater than its dts, within 32 bits), else the previous sample's duration, else
     * the last written one, else the fallback (the AAC frame length, or 1/25 s of video).
     */
    long duration(int i, long nextDts, boolean nextDtsKnown) {
        long dts = pending.get(i).dts();
        if (i + 1 < pending.size()) {
            return pending.get(i + 1).dts() - dts;
        }
        if (nextDtsKnown && nextDts > dts && nextDts - dts <= MAX_SAMPLE_DURATION) {
            return nextDts - dts;
        }
        if (i > 0) {
            return dts - pending.get(i - 1).dts();
        }
        return lastDuration > 0 ? lastDuration : fallbackDuration;
    }

    /** Bytes the access unit takes in the mdat: AUDs and empty units dropped, 4-byte prefixes added for video. */
    int sampleSize(AccessUnit au) {
        if (!video) {
            return au.size();
        }
        int size = 0;
        for (int i = 0; i < au.unitCount(); i++) {
            ByteBuf nal = au.unit(i);
            if (keeps(nal)) {
                size += Fmp4FragmentWriter.NAL_LENGTH_SIZE + nal.readableBytes();
            }
        }
        return size;
    }

    /** Whether a video NAL unit goes into the sample: not empty and not an access unit delimiter. */
    boolean keeps(ByteBuf nal) {
        if (!nal.isReadable()) {
            return false;
        }
        return codec == Codec.H265 ? H265NalType.of(nal) != H265NalType.AUD : H264NalType.of(nal) != H264NalType.AUD;
    }

    /** Components (prefixes and payload slices) the pending samples need in the fragment. */
    int componentCount() {
        int n = 0;
        for (AccessUnit au : pending) {
            for (int i = 0; i < au.unitCount(); i++) {
                ByteBuf unit = au.unit(i);
                if (!video) {
                    n += unit.isReadable() ? 1 : 0;
                } else if (keeps(unit)) {
                    n += 2;
                }
            }
        }
        return n;
    }

    /** Releases the pending access units after a fragment was written, remembering the last duration. */
    void written(long lastWrittenDuration) {
        lastDuration = lastWrittenDuration;
        release();
    }

    /** Releases the pending access units. */
    void release() {
        for (AccessUnit au : pending) {
            au.release();
        }
        pending.clear();
    }
}
