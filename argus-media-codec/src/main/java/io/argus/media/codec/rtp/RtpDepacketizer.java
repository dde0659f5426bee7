package io.argus.media.codec.rtp;

import io.argus.media.codec.AccessUnitSink;
import io.argus.media.codec.MediaFormat;

/**
 * Turns the in-order RTP packets of one track into access units (one implementation per payload format:
 * RFC 6184 H.264, RFC 7798 H.265, RFC 3640 AAC). Sequence checking, reordering and timestamp unwrapping
 * happen before, in {@link RtpReceiver}.
 *
 * <p>Single-threaded: one instance per track, driven by the track's event loop. Per-packet outcomes are
 * counters, never exceptions: a depacketizer must not throw on any input.
 */
public interface RtpDepacketizer extends AutoCloseable {

    /**
     * Feeds one packet. <b>Borrows</b> {@code packet} and its payload: slices kept beyond this call are retained
     * by the depacketizer. Completed access units go to {@code sink}, which takes ownership of each.
     *
     * @param timestamp     the packet's RTP timestamp unwrapped to a monotonic 64-bit value
     * @param lossBefore    true if one or more packets were lost right before this one (a partial
     *                      fragmented unit in progress must then be dropped, and counted)
     * @param receivedNanos {@link System#nanoTime()} at arrival
     */
    void receive(RtpPacket packet, long timestamp, boolean lossBefore, long receivedNanos, AccessUnitSink sink);

    /** The current format: out-of-band parameters, replaced when parameter sets arrive in band. */
    MediaFormat format();

    /** Packets whose payload violated the payload format; each was dropped. */
    long corruptPackets();

    /** Access units dropped because packets of them were lost or they were malformed. */
    long droppedUnits();

    /**
     * Drops any partial unit held (counted in {@link #droppedUnits()}) and stays usable: the stream restarted
     * (a new SSRC, a confirmed sequence jump), so what was gathered will never complete, but the next packet
     * begins afresh and is not suspect the way a packet after a loss is.
     */
    default void reset() {
    }

    /** Releases any partial unit held. */
    @Override
    void close();
}
