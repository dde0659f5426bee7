package io.argus.media.rtsp.server;

import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.rtp.RtpPacketizer;
import io.argus.media.codec.rtp.RtpPayloadFormats;
import io.argus.media.codec.sdp.SdpWriter;
import io.argus.media.rtsp.RtspTransport;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One track of a session, as set up: its transport (interleaved channels or the client's UDP ports) and, for
 * a reader, the packetizer with a random SSRC, sequence start and timestamp offset (RFC 3550 §5.1: random
 * initial values make known-plaintext attacks and collisions between sessions unlikely).
 */
final class RtspServerSessionMedia {

    /**
     * Largest RTP packet sent over UDP: 1400 bytes fits Ethernet's 1500 with room for IP, UDP and a VPN or
     * PPPoE header, so packets are never IP-fragmented.
     */
    static final int UDP_MTU = 1400;

    /** Largest RTP packet sent TCP-interleaved: bigger packets mean fewer headers and writes; TCP segments them. */
    static final int TCP_MTU = 8192;

    private final int track;
    private final RtspTransport transport;
    private final InetSocketAddress clientRtp;
    private final RtpPacketizer packetizer;
    private final long timestampOffset;

    private RtspServerSessionMedia(int track, RtspTransport transport, InetSocketAddress clientRtp,
                                   RtpPacketizer packetizer, long timestampOffset) {
        this.track = track;
        this.transport = transport;
        this.clientRtp = clientRtp;
        this.packetizer = packetizer;
        this.timestampOffset = timestampOffset;
    }

    /** A reader's track: packets go out with payload type {@link SdpWriter#payloadType(int)}. */
    static RtspServerSessionMedia forPlay(int track, MediaFormat format, RtspTransport transport,
                                          InetSocketAddress clientRtp) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        RtpPacketizer p = RtpPayloadFormats.packetizer(format, SdpWriter.payloadType(track),
                r.nextLong() & 0xffffffffL, r.nextInt(0x10000), transport.tcp() ? TCP_MTU : UDP_MTU);
        return new RtspServerSessionMedia(track, transport, clientRtp, p, r.nextLong() & 0xffffffffL);
    }

    /** A publisher's track ({@code track} is the stream track it feeds, -1 for an unsupported one). */
    static RtspServerSessionMedia forRecord(int track, RtspTransport transport, InetSocketAddress clientRtp) {
        return new RtspServerSessionMedia(track, transport, clientRtp, null, 0);
    }

    int track() {
        return track;
    }

    RtspTransport transport() {
        return transport;
    }

    /** The client's RTP address for UDP, null for TCP. */
    InetSocketAddress clientRtp() {
        return clientRtp;
    }

    RtpPacketizer packetizer() {
        return packetizer;
    }

    /** The 32-bit RTP timestamp for a presentation time in the track's clock. */
    long rtpTimestamp(long pts) {
        return (pts + timestampOffset) & 0xffffffffL;
    }
}
