package io.argus.media.codec.rtcp;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses compound RTCP packets (RFC 3550 §6.4; validity checks of §A.2, made tolerant). Never throws: a broken
 * packet ends parsing with a {@link RtcpStatus} and the packets before it are kept. Tolerated, because real
 * senders do it: a compound that does not start with SR/RR (reduced-size RTCP, RFC 5506), padding on a packet
 * that is not the last, and unknown packet types (skipped by their length).
 *
 * <p>Allocates the records it returns; RTCP arrives every few seconds per track, so this is off the hot path.
 */
public final class RtcpParser {

    /** Bytes of the common header (§6.4.1): V, P, count, PT, length. */
    public static final int HEADER_LENGTH = 4;
    /** The only RTP/RTCP version (§5.1). */
    public static final int VERSION = 2;
    /** SDES item type that ends a chunk's item list (§6.5). */
    private static final int SDES_END = 0;

    private RtcpParser() {
    }

    /** <b>Borrows</b> {@code compound} (one datagram or interleaved frame); its indexes are left unchanged. */
    public static RtcpCompound parse(ByteBuf compound) {
        List<RtcpPacket> packets = new ArrayList<>(3);
        int at = compound.readerIndex();
        int end = compound.writerIndex();
        if (at == end) {
            return new RtcpCompound(packets, RtcpStatus.EMPTY);
        }
        while (at < end) {
            if (end - at < HEADER_LENGTH) {
                return new RtcpCompound(packets, RtcpStatus.TRUNCATED);
            }
            int first = compound.getUnsignedByte(at);
            if (first >>> 6 != VERSION) {
                return new RtcpCompound(packets, RtcpStatus.BAD_VERSION);
            }
            int length = (compound.getUnsignedShort(at + 2) + 1) * 4;
            if (length > end - at) {
                return new RtcpCompound(packets, RtcpStatus.TRUNCATED);
            }
            int contentEnd = at + length;
            if ((first & 0x20) != 0) {
                int padding = compound.getUnsignedByte(contentEnd - 1);
                if (padding == 0 || padding > length - HEADER_LENGTH) {
                    return new RtcpCompound(packets, RtcpStatus.BAD_PADDING);
                }
                contentEnd -= padding;
            }
            RtcpPacket p = packet(compound, first & 0x1f, compound.getUnsignedByte(at + 1), at, contentEnd, length);
            if (p == null) {
                return new RtcpCompound(packets, RtcpStatus.MALFORMED);
            }
            packets.add(p);
            at += length;
        }
        return new RtcpCompound(packets, RtcpStatus.OK);
    }

    private static RtcpPacket packet(ByteBuf b, int count, int type, int start, int end, int length) {
        int body = start + HEADER_LENGTH;
        return switch (type) {
            case RtcpPacketType.SR -> senderReport(b, count, body, end);
            case RtcpPacketType.RR -> receiverReport(b, count, body, end);
            case RtcpPacketType.SDES -> sourceDescription(b, count, start, end);
            case RtcpPacketType.BYE -> bye(b, count, body, end);
            default -> new RtcpUnknownPacket(type, count, length);
        };
    }

    private static RtcpSenderReport senderReport(ByteBuf b, int count, int at, int end) {
        int blocks = at + RtcpSenderReport.LENGTH_WITHOUT_BLOCKS - HEADER_LENGTH;
        if (blocks + count * RtcpReportBlock.LENGTH > end) {
            return null;
        }
        return new RtcpSenderReport(b.getUnsignedInt(at), b.getLong(at + 4), b.getUnsignedInt(at + 12),
                b.getUnsignedInt(at + 16), b.getUnsignedInt(at + 20), blocks(b, count, blocks));
    }

    private static RtcpReceiverReport receiverReport(ByteBuf b, int count, int at, int end) {
        int blocks = at + RtcpReceiverReport.LENGTH_WITHOUT_BLOCKS - HEADER_LENGTH;
        if (blocks + count * RtcpReportBlock.LENGTH > end) {
            return null;
        }
        return new RtcpReceiverReport(b.getUnsignedInt(at), blocks(b, count, blocks));
    }

    private static List<RtcpReportBlock> blocks(ByteBuf b, int count, int at) {
        List<RtcpReportBlock> blocks = new ArrayList<>(count);
        for (int i = 0; i < count; i++, at += RtcpReportBlock.LENGTH) {
            int lost = b.getInt(at + 4);
            blocks.add(new RtcpReportBlock(b.getUnsignedInt(at), lost >>> 24, (lost << 8) >> 8,
                    b.getUnsignedInt(at + 8), b.getUnsignedInt(at + 12), b.getUnsignedInt(at + 16),
                    b.getUnsignedInt(at + 20)));
        }
        return blocks;
    }

    /** §6.5: each chunk is an SSRC, items (type, length, text), a zero type, then zeros to a 32-bit boundary. */
    private static RtcpSourceDescription sourceDescription(ByteBuf b, int count, int start, int end) {
        List<RtcpSourceDescription.Chunk> chunks = new ArrayList<>(count);
        int at = start + HEADER_LENGTH;
        for (int i = 0; i < count; i++) {
            if (at + 4 > end) {
                return null;
            }
            long ssrc = b.getUnsignedInt(at);
            at += 4;
            String cname = null;
            for (;;) {
                if (at >= end) {
                    return null;
                }
                int item = b.getUnsignedByte(at);
                if (item == SDES_END) {
                    at = start + ((at - start + 4) & ~3);
                    break;
                }
                if (at + 2 > end || at + 2 + b.getUnsignedByte(at + 1) > end) {
                    return null;
                }
                int len = b.getUnsignedByte(at + 1);
                if (item == RtcpSourceDescription.CNAME && cname == null) {
                    cname = b.toString(at + 2, len, StandardCharsets.UTF_8);
                }
                at += 2 + len;
            }
            chunks.add(new RtcpSourceDescription.Chunk(ssrc, cname));
        }
        return new RtcpSourceDescription(chunks);
    }

    private static RtcpBye bye(ByteBuf b, int count, int at, int end) {
        if (at + 4 * count > end) {
            return null;
        }
        List<Long> ssrcs = new ArrayList<>(count);
        for (int i = 0; i < count; i++, at += 4) {
            ssrcs.add(b.getUnsignedInt(at));
        }
        String reason = null;
        if (at < end) {
            int len = b.getUnsignedByte(at);
            if (at + 1 + len > end) {
                return null;
            }
            reason = b.toString(at + 1, len, StandardCharsets.UTF_8);
        }
        return new RtcpBye(ssrcs, reason);
    }
}
