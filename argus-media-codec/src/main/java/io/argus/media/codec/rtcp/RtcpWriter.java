package io.argus.media.codec.rtcp;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes RTCP packets (RFC 3550 §6.4–§6.6) without padding. A compound packet is these written back to back;
 * §6.1 requires it to start with an SR or RR and to carry an SDES CNAME, which
 * {@link #writeSenderReport(ByteBuf, long, long, long, long, long, byte[])} and
 * {@link #writeReceiverReport(ByteBuf, long, List, byte[])} do in one call.
 */
public final class RtcpWriter {

    private RtcpWriter() {
    }

    /** Writes {@code packet} to {@code out}. Unknown packets cannot be written (their content was not kept). */
    public static void write(ByteBuf out, RtcpPacket packet) {
        switch (packet) {
            case RtcpSenderReport sr -> {
                header(out, sr.reports().size(), RtcpPacketType.SR,
                        RtcpSenderReport.LENGTH_WITHOUT_BLOCKS + RtcpReportBlock.LENGTH * sr.reports().size());
                out.writeInt((int) sr.ssrc());
                out.writeLong(sr.ntpTimestamp());
                out.writeInt((int) sr.rtpTimestamp());
                out.writeInt((int) sr.packetCount());
                out.writeInt((int) sr.octetCount());
                blocks(out, sr.reports());
            }
            case RtcpReceiverReport rr -> {
                header(out, rr.reports().size(), RtcpPacketType.RR,
                        RtcpReceiverReport.LENGTH_WITHOUT_BLOCKS + RtcpReportBlock.LENGTH * rr.reports().size());
                out.writeInt((int) rr.ssrc());
                blocks(out, rr.reports());
            }
            case RtcpSourceDescription sdes -> sourceDescription(out, sdes);
            case RtcpBye bye -> bye(out, bye);
            case RtcpUnknownPacket u -> throw new IllegalArgumentException("cannot write an unknown packet: " + u);
        }
    }

    /**
     * Writes the compound a sender sends (SR without report blocks, then SDES with its CNAME) from primitive
     * values, so a periodic report allocates nothing but {@code out}.
     *
     * @param cname US-ASCII or UTF-8 bytes, at most {@link RtcpSourceDescription#MAX_ITEM_LENGTH}
     */
    public static void writeSenderReport(ByteBuf out, long ssrc, long ntpTimestamp, long rtpTimestamp,
                                         long packetCount, long octetCount, byte[] cname) {
        header(out, 0, RtcpPacketType.SR, RtcpSenderReport.LENGTH_WITHOUT_BLOCKS);
        out.writeInt((int) ssrc);
        out.writeLong(ntpTimestamp);
        out.writeInt((int) rtpTimestamp);
        out.writeInt((int) packetCount);
        out.writeInt((int) octetCount);
        cname(out, ssrc, cname);
    }

    /** Bytes {@link #writeSenderReport} writes. */
    public static int senderReportLength(byte[] cname) {
        return RtcpSenderReport.LENGTH_WITHOUT_BLOCKS + cnameLength(cname);
    }

    /** Writes the compound a receiver sends: RR with {@code blocks}, then SDES with its CNAME. */
    public static void writeReceiverReport(ByteBuf out, long ssrc, List<RtcpReportBlock> blocks, byte[] cname) {
        write(out, new RtcpReceiverReport(ssrc, blocks));
        cname(out, ssrc, cname);
    }

    /** Bytes {@link #writeReceiverReport} writes. */
    public static int receiverReportLength(int blocks, byte[] cname) {
        return RtcpReceiverReport.LENGTH_WITHOUT_BLOCKS + RtcpReportBlock.LENGTH * blocks + cnameLength(cname);
    }

    private static void header(ByteBuf out, int count, int type, int length) {
        out.writeByte(RtcpParser.VERSION << 6 | count);
        out.writeByte(type);
        out.writeShort(length / 4 - 1);
    }

    private static void blocks(ByteBuf out, List<RtcpReportBlock> blocks) {
        if (blocks.size() > RtcpReportBlock.MAX_PER_PACKET) {
            throw new IllegalArgumentException("more than " + RtcpReportBlock.MAX_PER_PACKET + " report blocks");
        }
        for (RtcpReportBlock b : blocks) {
            out.writeInt((int) b.ssrc());
            out.writeInt(b.fractionLost() << 24 | (b.cumulativeLost() & 0xffffff));
            out.writeInt((int) b.highestSequence());
            out.writeInt((int) b.jitter());
            out.writeInt((int) b.lastSr());
            out.writeInt((int) b.delaySinceLastSr());
        }
    }

    /** One chunk's bytes: SSRC, the CNAME item, then the end item and zeros to a 32-bit boundary (§6.5). */
    private static int chunkLength(int cnameBytes) {
        return (4 + 2 + cnameBytes + 4) & ~3;
    }

    private static int cnameLength(byte[] cname) {
        return RtcpParser.HEADER_LENGTH + chunkLength(cname.length);
    }

    private static void cname(ByteBuf out, long ssrc, byte[] cname) {
        if (cname.length > RtcpSourceDescription.MAX_ITEM_LENGTH) {
            throw new IllegalArgumentException("CNAME longer than " + RtcpSourceDescription.MAX_ITEM_LENGTH);
        }
        header(out, 1, RtcpPacketType.SDES, cnameLength(cname));
        chunk(out, ssrc, cname);
    }

    private static void chunk(ByteBuf out, long ssrc, byte[] cname) {
        out.writeInt((int) ssrc);
        int start = out.writerIndex();
        if (cname != null) {
            out.writeByte(RtcpSourceDescription.CNAME);
            out.writeByte(cname.length);
            out.writeBytes(cname);
        }
        int written = out.writerIndex() - start;
        out.writeZero(((written + 4) & ~3) - written);
    }

    private static void sourceDescription(ByteBuf out, RtcpSourceDescription sdes) {
        int length = RtcpParser.HEADER_LENGTH;
        for (RtcpSourceDescription.Chunk c : sdes.chunks()) {
            length += c.cname() == null ? 8 : chunkLength(bytes(c.cname()).length);
        }
        header(out, sdes.chunks().size(), RtcpPacketType.SDES, length);
        for (RtcpSourceDescription.Chunk c : sdes.chunks()) {
            chunk(out, c.ssrc(), c.cname() == null ? null : bytes(c.cname()));
        }
    }

    private static void bye(ByteBuf out, RtcpBye bye) {
        byte[] reason = bye.reason() == null ? null : bytes(bye.reason());
        int reasonLength = reason == null ? 0 : (1 + reason.length + 3) & ~3;
        header(out, bye.ssrcs().size(), RtcpPacketType.BYE, RtcpParser.HEADER_LENGTH + 4 * bye.ssrcs().size()
                + reasonLength);
        for (long ssrc : bye.ssrcs()) {
            out.writeInt((int) ssrc);
        }
        if (reason != null) {
            out.writeByte(reason.length);
            out.writeBytes(reason);
            out.writeZero(reasonLength - 1 - reason.length);
        }
    }

    private static byte[] bytes(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        if (b.length > RtcpSourceDescription.MAX_ITEM_LENGTH) {
            throw new IllegalArgumentException("text longer than " + RtcpSourceDescription.MAX_ITEM_LENGTH);
        }
        return b;
    }
}
