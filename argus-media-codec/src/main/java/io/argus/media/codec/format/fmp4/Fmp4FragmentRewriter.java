package io.argus.media.codec.format.fmp4;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Rewrites a moof's sequence number (§8.8.5) and decode times (tfdt, §8.8.12) in place, for playback that moves
 * stored fragments onto the wall clock and exports that renumber and retime them. No box changes size, so the trun
 * data offsets (relative to the moof: default-base-is-moof, which the tfhd must say) stay right wherever the
 * fragment lands, and byte ranges into a stored chunk stay valid.
 */
public final class Fmp4FragmentRewriter {

    /** The new decode time of a traf. */
    @FunctionalInterface
    public interface DecodeTimes {
        /** The tfdt the traf of {@code trackId}, whose tfdt is now {@code tfdt}, gets. */
        long tfdt(int trackId, long tfdt);
    }

    /** Byte offset of the time in a tfdt payload, after version and flags. */
    private static final int TFDT_TIME = 4;
    private static final long MAX_U32 = 0xffff_ffffL;

    private Fmp4FragmentRewriter() {
    }

    /**
     * Sets the mfhd sequence number (unless it is negative: kept) and every traf's tfdt to {@code newTfdt}'s answer.
     * <b>Borrows</b> {@code moof} (its readable bytes are one moof) and writes into it; its indexes do not move.
     *
     * @throws Mp4FormatException       if it is not a well-formed moof with default-base-is-moof trafs, or a new
     *                                  decode time does not fit a version 0 tfdt (32 bits; the fMP4 writer writes
     *                                  version 1) or is negative
     * @throws IllegalArgumentException if the sequence number does not fit the mfhd's 32 bits
     */
    public static void rewrite(ByteBuf moof, long sequenceNumber, DecodeTimes newTfdt) {
        if (sequenceNumber > MAX_U32) {
            throw new IllegalArgumentException("sequence number " + sequenceNumber + " does not fit 32 bits");
        }
        Mp4Box box = Fmp4FragmentReader.single(moof);
        Fmp4FragmentReader.sequenceNumber(moof, box);
        List<Mp4Box> trafs = Fmp4FragmentReader.trafs(box);
        int base = moof.readerIndex();
        // Every time is asked for and checked before a byte is written: a refused moof is left as it was.
        long[] times = new long[trafs.size()];
        for (int i = 0; i < times.length; i++) {
            Mp4Box traf = trafs.get(i);
            int trackId = Fmp4FragmentReader.tfhd(moof, traf).trackId();
            Mp4Box tfdt = traf.require(BoxType.TFDT);
            times[i] = newTfdt.tfdt(trackId, Fmp4FragmentReader.decodeTime(moof, tfdt));
            boolean version1 = moof.getUnsignedByte(base + (int) tfdt.payloadOffset()) == 1;
            if (times[i] < 0 || !version1 && times[i] > MAX_U32) {
                throw new Mp4FormatException(tfdt.offset(), "decode time " + times[i] + " does not fit a version "
                        + (version1 ? 1 : 0) + " tfdt");
            }
        }
        if (sequenceNumber >= 0) {
            moof.setInt(base + (int) box.children().get(0).payloadOffset() + 4, (int) sequenceNumber);
        }
        for (int i = 0; i < times.length; i++) {
            int at = base + (int) trafs.get(i).require(BoxType.TFDT).payloadOffset();
            if (moof.getUnsignedByte(at) == 1) {
                moof.setLong(at + TFDT_TIME, times[i]);
            } else {
                moof.setInt(at + TFDT_TIME, (int) times[i]);
            }
        }
    }
}
