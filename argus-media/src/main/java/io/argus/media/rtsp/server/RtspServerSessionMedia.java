package io.argus.media.rtsp.server;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.rtcp.NtpTime;
import io.argus.media.codec.rtcp.RtcpWriter;
import io.argus.media.codec.rtp.RtpPacketizer;
import io.argus.media.codec.rtp.RtpPayloadFormats;
import io.argus.media.codec.sdp.SdpWriter;
import io.argus.media.rtsp.RtspTransport;
import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One track of a session, as set up: its transport (interleaved channels or the client's UDP ports) and, for
 * a reader, the packetizer with a random SSRC, sequence start and timestamp offset (RFC 3550 §5.1: random
 * initial values make known-plaintext attacks and collisions between sessions unlikely).
 *
 * <p>A reader's track also keeps what its RTCP sender reports need (RFC 3550 §6.4.1): packets and payload octets
 * sent, and a wall-clock mapping of the track's timeline. The mapping is anchored at the first unit sent: that
 * unit's pts is taken to be the wall-clock time its last packet arrived from the camera
 * ({@link AccessUnit#receivedNanos()}), and later pts follow at the clock rate. One fixed anchor keeps the
 * mapping free of arrival jitter, so a player that rebases timestamps at every SR (ffmpeg does) sees no jumps;
 * the cost is that camera clock drift against the wall clock accumulates over a long session, as it does for
 * any sender that samples its wall clock only once. Tracks are anchored separately, so audio and video agree to
 * within the arrival jitter of their first units.
 */
final class RtspServerSessionMedia {

    /**
     * A unit whose {@link AccessUnit#receivedNanos()} is further in the past than this (or in the future) was not
     * stamped by this process's packet path (a file or a test): the GOP cache never holds units older than its
     * longest GOP, 10 s, so anything beyond a minute is anchored at the time it is sent instead.
     */
    static final long MAX_UNIT_AGE_NANOS = 60_000_000_000L;

    /** Bytes of the fixed RTP header our packetizers write (no CSRCs, no extension): not payload for the SR. */
    static final int RTP_HEADER_LENGTH = 12;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final int track;
    private final RtspTransport transport;
    private final InetSocketAddress clientRtp;
    private final InetSocketAddress clientRtcp;
    private final RtpPacketizer packetizer;
    private final long timestampOffset;
    private final int clockRate;
    private long packetsSent;
    private long octetsSent;
    private boolean anchored;
    private long anchorPts;
    private long anchorUnixNanos;
    private long lastPts;

    private RtspServerSessionMedia(int track, RtspTransport transport, InetSocketAddress clientRtp,
                                   RtpPacketizer packetizer, long timestampOffset, int clockRate) {
        this.track = track;
        this.transport = transport;
        this.clientRtp = clientRtp;
        this.clientRtcp = clientRtp == null ? null : new InetSocketAddress(clientRtp.getAddress(),
                transport.clientRtcpPort() > 0 ? transport.clientRtcpPort() : clientRtp.getPort() + 1);
        this.packetizer = packetizer;
        this.timestampOffset = timestampOffset;
        this.clockRate = clockRate;
    }

    /**
     * A reader's track: packets go out with payload type {@link SdpWriter#payloadType(int)}, at most as large as
     * {@code config} says for the transport.
     */
    static RtspServerSessionMedia forPlay(int track, MediaFormat format, RtspTransport transport,
                                          InetSocketAddress clientRtp, RtspServerConfig config) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        RtpPacketizer p = RtpPayloadFormats.packetizer(format, SdpWriter.payloadType(track),
                r.nextLong() & 0xffffffffL, r.nextInt(0x10000),
                transport.tcp() ? config.tcpRtpMaxSize() : config.udpRtpMaxSize());
        return new RtspServerSessionMedia(track, transport, clientRtp, p, r.nextLong() & 0xffffffffL,
                format.clockRate());
    }

    /** A publisher's track ({@code track} is the stream track it feeds, -1 for an unsupported one). */
    static RtspServerSessionMedia forRecord(int track, RtspTransport transport, InetSocketAddress clientRtp) {
        return new RtspServerSessionMedia(track, transport, clientRtp, null, 0, 0);
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

    /** The client's RTCP address for UDP (its second client port, or the RTP port + 1), null for TCP. */
    InetSocketAddress clientRtcp() {
        return clientRtcp;
    }

    /** The interleaved channel for RTCP: the second of the pair, or the one after RTP when the client gave one. */
    int interleavedRtcp() {
        return transport.interleavedRtcp() >= 0 ? transport.interleavedRtcp() : transport.interleavedRtp() + 1;
    }

    RtpPacketizer packetizer() {
        return packetizer;
    }

    /** The 32-bit RTP timestamp for a presentation time in the track's clock. */
    long rtpTimestamp(long pts) {
        return (pts + timestampOffset) & 0xffffffffL;
    }

    /** One RTP packet went out with {@code payloadBytes} after its 12-byte header (the SR's octet count). */
    void countPacket(int payloadBytes) {
        packetsSent++;
        octetsSent += payloadBytes;
    }

    /** {@code au} was packetized: the next sender report gives its time. */
    void sent(AccessUnit au) {
        lastPts = au.pts();
    }

    /**
     * Anchors the wall-clock mapping at {@code au}, the track's first unit sent.
     *
     * @param nowNanos     {@link System#nanoTime()} now
     * @param nowUnixNanos the wall clock now, in nanoseconds since the Unix epoch
     */
    void anchor(AccessUnit au, long nowNanos, long nowUnixNanos) {
        long age = nowNanos - au.receivedNanos();
        anchored = true;
        anchorPts = au.pts();
        anchorUnixNanos = age >= 0 && age <= MAX_UNIT_AGE_NANOS ? nowUnixNanos - age : nowUnixNanos;
    }

    /** Whether a unit was sent, so a sender report has a time to give. */
    boolean anchored() {
        return anchored;
    }

    /** Bytes {@link #writeSenderReport} writes. */
    static int senderReportLength(byte[] cname) {
        return RtcpWriter.senderReportLength(cname);
    }

    /**
     * Writes an SR (and SDES CNAME) for the last unit sent: its RTP timestamp and the wall-clock time the mapping
     * gives its pts. Call only when {@link #anchored()}.
     */
    void writeSenderReport(ByteBuf out, byte[] cname) {
        long ticks = lastPts - anchorPts;
        long unixNanos = anchorUnixNanos + ticks / clockRate * NANOS_PER_SECOND
                + ticks % clockRate * NANOS_PER_SECOND / clockRate;
        RtcpWriter.writeSenderReport(out, packetizer.ssrc(), NtpTime.fromUnixNanos(unixNanos), rtpTimestamp(lastPts),
                packetsSent, octetsSent, cname);
    }
}
