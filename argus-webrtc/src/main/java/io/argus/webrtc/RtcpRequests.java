package io.argus.webrtc;

/**
 * The RTCP a WHIP receiver sends its publisher, as compound packets (RFC 3550 §6.1: a report first): an empty
 * receiver report (§6.4.2) followed by a generic NACK (RFC 4585 §6.2.1) or a PLI (§6.3.1). Each array has room for
 * SRTCP's trailer ({@link SrtpPacket#TRAILER}) so protecting it in place does not copy.
 */
final class RtcpRequests {

    private static final int RR = 201;
    private static final int RTPFB = 205;
    private static final int PSFB = 206;
    private static final int FMT_NACK = 1;
    private static final int FMT_PLI = 1;
    private static final int RR_LENGTH = 8;
    /** Lost packets one NACK names at most (one FCI entry covers 17): a larger gap asks for a keyframe instead. */
    static final int MAX_NACKED = 17 * 16;

    private RtcpRequests() {
    }

    /** An RR and a PLI from {@code sender} about {@code media}; the length to protect is {@code 20}. */
    static SrtpPacket pli(long sender, long media) {
        byte[] b = new byte[RR_LENGTH + 12 + SrtpPacket.TRAILER];
        receiverReport(b, sender);
        header(b, RR_LENGTH, FMT_PLI, PSFB, 2);
        putInt(b, RR_LENGTH + 4, sender);
        putInt(b, RR_LENGTH + 8, media);
        return new SrtpPacket(b, 0, RR_LENGTH + 12);
    }

    /**
     * An RR and a NACK from {@code sender} about {@code media} for the {@code count} sequence numbers from
     * {@code first} on (at most {@link #MAX_NACKED}).
     */
    static SrtpPacket nack(long sender, long media, int first, int count) {
        int n = Math.min(count, MAX_NACKED);
        int entries = (n + 16) / 17;
        int length = 12 + 4 * entries;
        byte[] b = new byte[RR_LENGTH + length + SrtpPacket.TRAILER];
        receiverReport(b, sender);
        header(b, RR_LENGTH, FMT_NACK, RTPFB, length / 4 - 1);
        putInt(b, RR_LENGTH + 4, sender);
        putInt(b, RR_LENGTH + 8, media);
        for (int e = 0; e < entries; e++) {
            int pid = (first + 17 * e) & 0xffff;
            int blp = 0;
            for (int bit = 0; bit < 16 && 17 * e + 1 + bit < n; bit++) {
                blp |= 1 << bit;
            }
            int at = RR_LENGTH + 12 + 4 * e;
            b[at] = (byte) (pid >>> 8);
            b[at + 1] = (byte) pid;
            b[at + 2] = (byte) (blp >>> 8);
            b[at + 3] = (byte) blp;
        }
        return new SrtpPacket(b, 0, RR_LENGTH + length);
    }

    private static void receiverReport(byte[] b, long sender) {
        header(b, 0, 0, RR, 1);
        putInt(b, 4, sender);
    }

    private static void header(byte[] b, int at, int count, int type, int lengthWords) {
        b[at] = (byte) (0x80 | count);
        b[at + 1] = (byte) type;
        b[at + 2] = (byte) (lengthWords >>> 8);
        b[at + 3] = (byte) lengthWords;
    }

    private static void putInt(byte[] b, int at, long v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
