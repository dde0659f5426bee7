package io.argus.webrtc;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;

/**
 * What the muxed port routes datagrams to: a WHEP viewer ({@link WhepSession}) or a WHIP publisher
 * ({@link WhipSession}). Found by the ufrag of a STUN request, then by the address ICE checked; swept by
 * {@link WebRtcServer} when it never connects or loses consent.
 */
abstract class WebRtcPeer {

    /** The server's ICE username fragment for this peer. */
    abstract String ufrag();

    /** A binding request for this peer's ufrag, on the event loop of {@code ch}. */
    abstract void stun(Channel ch, InetSocketAddress sender, StunMessage request);

    /** A DTLS datagram from the peer (any thread; the copy is the peer's). */
    abstract void dtls(byte[] datagram);

    /** An SRTP or SRTCP datagram from the peer, on the event loop (the copy is the peer's). */
    abstract void rtcp(byte[] datagram);

    abstract boolean connected();

    abstract long createdNanos();

    abstract long lastConsentNanos();

    /** Ends the peer's session (any thread; once). */
    public abstract void close(String reason);
}
