package io.argus.media.path;

import io.argus.media.codec.rtp.RtpDepacketizer;
import io.argus.media.codec.rtp.RtpReceiver;

/**
 * One RTP track's losses, invalid packets and dropped units, added to its source's {@link SourceCounters} as they
 * grow: the receiver and the depacketizer keep totals since they were made, a source's counters are per camera
 * and survive reconnects, so what is added is the rise since the last {@link #update}. RTSP ingest and WHIP
 * publishing both count this way.
 *
 * <p>Single-threaded: the track's event loop.
 */
public final class RtpTrackCounters {
    private final RtpReceiver receiver;
    private final RtpDepacketizer depacketizer;
    private final SourceCounters counters;
    private long lost;
    private long invalid;
    private long dropped;

    public RtpTrackCounters(RtpReceiver receiver, RtpDepacketizer depacketizer, SourceCounters counters) {
        this.receiver = receiver;
        this.depacketizer = depacketizer;
        this.counters = counters;
    }

    /** Adds what was lost, invalid or dropped since the last call; after each packet received. */
    public void update() {
        long l = receiver.packetsLost();
        long i = receiver.packetsInvalid() + depacketizer.corruptPackets();
        long d = depacketizer.droppedUnits();
        if (l != lost) {
            counters.lost(l - lost);
            lost = l;
        }
        if (i != invalid) {
            counters.invalid(i - invalid);
            invalid = i;
        }
        if (d != dropped) {
            counters.framesDropped(d - dropped);
            dropped = d;
        }
    }
}
