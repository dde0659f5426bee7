package io.argus.media.codec.rtp;

import io.argus.media.codec.AccessUnit;
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

    /** The sequence number the next packet will carry (for the RTSP RTP-Info header). */
    int nextSequence();

    long ssrc();
}
