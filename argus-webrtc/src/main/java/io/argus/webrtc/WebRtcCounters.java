package io.argus.webrtc;

import java.util.concurrent.atomic.LongAdder;

/** What the muxed port dropped, by reason: garbage never ends a session or the port, it is counted here. */
public final class WebRtcCounters {
    /** STUN that was not a binding request for a live session with the right credentials. */
    final LongAdder badStun = new LongAdder();
    /** Datagrams from an address no session has (DTLS or SRTCP before ICE, or strangers). */
    final LongAdder unknownSender = new LongAdder();
    /** SRTCP that failed authentication, or RTP from a receive-only viewer. */
    final LongAdder badRtcp = new LongAdder();
    /** Datagrams of no protocol the port speaks (RFC 7983's first-byte ranges), or queued past a session's room. */
    final LongAdder dropped = new LongAdder();

    public long badStun() {
        return badStun.sum();
    }

    public long unknownSender() {
        return unknownSender.sum();
    }

    public long badRtcp() {
        return badRtcp.sum();
    }

    public long dropped() {
        return dropped.sum();
    }
}
