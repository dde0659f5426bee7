package io.argus.media.codec.rtp;

import io.netty.buffer.ByteBuf;

/** Receives the packets a {@link RtpPacketizer} produces, as a header and a payload that are sent back to back. */
@FunctionalInterface
public interface RtpPacketSink {
    /**
     * <b>Takes ownership</b> of both buffers.
     *
     * @param header  the 12-byte RTP header followed by any payload-format header (e.g. the FU-A indicator and
     *                header), freshly allocated
     * @param payload a retained slice of the access unit's bytes (never a copy), or null when the header
     *                carries everything
     */
    void packet(ByteBuf header, ByteBuf payload);
}
