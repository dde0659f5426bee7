package io.argus.webrtc;

import io.argus.media.codec.rtcp.RtcpCompound;
import io.argus.media.codec.rtcp.RtcpPacket;
import io.argus.media.codec.rtcp.RtcpParser;
import io.argus.media.codec.rtcp.RtcpReceiverReport;
import io.argus.media.codec.rtcp.RtcpReportBlock;
import io.netty.buffer.Unpooled;

/**
 * Reads what a viewer's RTCP compound packet asks of the sender: receiver reports (through the codec layer's
 * parser), generic NACKs (RFC 4585 §6.2.1), PLI (§6.3.1) and FIR (RFC 5104 §4.3.1). Malformed input yields
 * nothing; it never throws.
 */
final class RtcpFeedback {

    private static final int RTPFB = 205;
    private static final int PSFB = 206;
    private static final int FMT_NACK = 1;
    private static final int FMT_PLI = 1;
    private static final int FMT_FIR = 4;

    /** What the compound asks for. */
    interface Listener {
        void report(RtcpReportBlock block);

        /** A lost packet's sequence number. */
        void nack(int sequence);

        void keyframeRequest();
    }

    private RtcpFeedback() {
    }

    /** <b>Borrows</b> {@code data[off, off+len)}: a decrypted compound packet. */
    static void read(byte[] data, int off, int len, long mediaSsrc, Listener listener) {
        RtcpCompound compound = RtcpParser.parse(Unpooled.wrappedBuffer(data, off, len));
        for (RtcpPacket p : compound.packets()) {
            if (p instanceof RtcpReceiverReport rr) {
                for (RtcpReportBlock b : rr.reports()) {
                    if (b.ssrc() == mediaSsrc) {
                        listener.report(b);
                    }
                }
            }
        }
        int at = off;
        int end = off + len;
        while (end - at >= 4) {
            int fmt = data[at] & 0x1f;
            int type = data[at + 1] & 0xff;
            int length = (((data[at + 2] & 0xff) << 8 | data[at + 3] & 0xff) + 1) * 4;
            if (length > end - at || (data[at] & 0xc0) != 0x80) {
                return;
            }
            if (length >= 12 && readInt(data, at + 8) == mediaSsrc
                    || type == PSFB && fmt == FMT_FIR && length >= 20 && readInt(data, at + 12) == mediaSsrc) {
                if (type == RTPFB && fmt == FMT_NACK) {
                    for (int fci = at + 12; fci + 4 <= at + length; fci += 4) {
                        int pid = (data[fci] & 0xff) << 8 | data[fci + 1] & 0xff;
                        int blp = (data[fci + 2] & 0xff) << 8 | data[fci + 3] & 0xff;
                        listener.nack(pid);
                        for (int bit = 0; bit < 16; bit++) {
                            if ((blp & (1 << bit)) != 0) {
                                listener.nack((pid + bit + 1) & 0xffff);
                            }
                        }
                    }
                } else if (type == PSFB && (fmt == FMT_PLI || fmt == FMT_FIR)) {
                    listener.keyframeRequest();
                }
            }
            at += length;
        }
    }

    private static long readInt(byte[] b, int at) {
        return ((b[at] & 0xffL) << 24) | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | b[at + 3] & 0xff;
    }
}
