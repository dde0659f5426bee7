package io.argus.media.codec.rtp;

import io.argus.media.codec.AccessUnit;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Turns access units of one track into RTP packets (RFC 6184, RFC 7798, RFC 3640) without copying payload:
 * each packet is a small header buffer plus a retained slice of the access unit. Holds the track's sequence
 * number, SSRC and payload type. Single-threaded.
 */
public interface RtpPacketizer {

    /**
     * <b>Borrows</b> {@code au}. Emits its packets, the last with the marker bit set (video).
     *
     * @param rtpTimestamp the 32-bit RTP timestamp to stamp (callers map {@link AccessUnit#pts()} with their
     *                     own random offset)
     */
    void packetize(AccessUnit au, long rtpTimestamp, ByteBufAllocator alloc, RtpPacketSink sink);

    /**
     * <b>Borrows</b> {@code au}. Writes its packets back to back into {@code out}, each after the prefix
     * {@code framing} writes, <b>copying</b> the payload. For a stream socket this is cheaper than
     * {@link #packetize}'s zero-copy packets at camera-sized packets: one buffer and one contiguous write per unit,
     * instead of a header buffer, a payload slice and their reference counts per packet (copying 1.4 KB costs less
     * than that bookkeeping). {@code out} grows if {@link #packetizedLength} was short.
     */
    default void packetizeInto(AccessUnit au, long rtpTimestamp, ByteBuf out, RtpPacketFraming framing) {
        packetize(au, rtpTimestamp, out.alloc(), (header, payload) -> {
            try {
                framing.prefix(out, header.readableBytes() + (payload == null ? 0 : payload.readableBytes()));
                out.writeBytes(header);
                if (payload != null) {
                    out.writeBytes(payload);
                }
            } finally {
                header.release();
                if (payload != null) {
                    payload.release();
                }
            }
        });
    }

    /**
     * Bytes {@link #packetizeInto} writes for {@code au} with a {@code prefixLength}-byte prefix per packet: exact
     * for the NAL unit formats, an estimate for others.
     */
    default int packetizedLength(AccessUnit au, int prefixLength) {
        return au.size() + (au.unitCount() + 1) * (prefixLength + RtpPacket.HEADER_LENGTH + 4);
    }

    /** The sequence number the next packet will carry (for the RTSP RTP-Info header). */
    int nextSequence();

    long ssrc();
}
