package io.argus.media.rtsp.server;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.rtp.RtpPacketFraming;
import io.argus.media.codec.rtp.RtpPacketSink;
import io.argus.media.codec.rtp.RtpPacketizer;
import io.argus.media.rtsp.InterleavedFrame;
import io.argus.media.stream.StreamConsumer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Sends a stream's access units to one reader session: each unit is packetized per track and flushed once per
 * unit. Over TCP a unit's {@code $}-framed packets are written into one buffer, payload copied
 * ({@link RtpPacketizer#packetizeInto}): one plain buffer per unit for the pipeline and one contiguous write for the
 * socket; at camera-sized packets copying costs less than a header buffer, a payload slice and two composite
 * components per packet did (profiled serving 1,000 simulated cameras, issue 16). Over UDP each packet is a
 * datagram of its header and a retained payload slice, no copy. Runs on the connection's event loop.
 *
 * <p>RTCP (RFC 3550 §6.4.1): each track's first unit is followed at once by a sender report, so a player can
 * place the first frame on the wall-clock timeline, and {@link #sendSenderReports()} repeats them from the
 * session's timer. Over TCP they go on the track's RTCP channel, over UDP from the server's RTCP socket to the
 * client's RTCP port. A report is one small buffer every few seconds; nothing is allocated per packet for it.
 */
final class StreamToRtsp implements StreamConsumer {

    private static final Clock UTC = Clock.systemUTC();

    private final RtspServerSession session;
    private final Channel tcp;
    private final Channel udp;
    private final Channel udpRtcp;
    /** Per track: the UDP packet sink, or null for a TCP track. */
    private final RtpPacketSink[] sinks;
    /** Per track: the interleaved framing (counting packets for RTCP), or null for a UDP track. */
    private final RtpPacketFraming[] framings;
    private final byte[] cname;
    private final EventLoop loop;
    private final UdpPacer pacer;
    private boolean resumeScheduled;

    /**
     * @param tcp     the RTSP connection (interleaved transport), or null
     * @param udp     the server's shared RTP socket (UDP transport), or null
     * @param udpRtcp the server's shared RTCP socket (UDP transport), or null
     * @param cname   the session's RTCP canonical name (RFC 3550 §6.5.1)
     * @param loop    the connection's event loop, where this consumer runs
     */
    StreamToRtsp(RtspServerSession session, RtspServerSessionMedia[] medias, Channel tcp, Channel udp,
                 Channel udpRtcp, byte[] cname, EventLoop loop) {
        this.session = session;
        this.loop = loop;
        this.pacer = tcp == null ? new UdpPacer() : null;
        this.tcp = tcp;
        this.udp = udp;
        this.udpRtcp = udpRtcp;
        this.cname = cname;
        this.sinks = new RtpPacketSink[medias.length];
        this.framings = new RtpPacketFraming[medias.length];
        for (int i = 0; i < medias.length; i++) {
            RtspServerSessionMedia m = medias[i];
            if (m != null && m.transport().tcp()) {
                framings[i] = tcpFraming(m);
            } else if (m != null) {
                sinks[i] = udpSink(m);
            }
        }
    }

    private static RtpPacketFraming tcpFraming(RtspServerSessionMedia m) {
        int channel = m.transport().interleavedRtp();
        return (out, length) -> {
            m.countPacket(length - RtspServerSessionMedia.RTP_HEADER_LENGTH);
            InterleavedFrame.writeHeader(out, channel, length);
        };
    }

    private RtpPacketSink udpSink(RtspServerSessionMedia m) {
        return (header, payload) -> {
            m.countPacket(header.readableBytes() + (payload == null ? 0 : payload.readableBytes())
                    - RtspServerSessionMedia.RTP_HEADER_LENGTH);
            ByteBuf packet = payload == null ? header : Unpooled.wrappedBuffer(header, payload);
            udp.write(new DatagramPacket(packet, m.clientRtp()), udp.voidPromise());
        };
    }

    @Override
    public void onAccessUnit(AccessUnit au) {
        try {
            int track = au.track();
            RtspServerSessionMedia media = track < sinks.length ? session.media(track) : null;
            if (media == null) {
                return;
            }
            Channel out = media.transport().tcp() ? tcp : udp;
            long rtpTimestamp = media.rtpTimestamp(au.pts());
            if (out == tcp) {
                writeTcp(media, au, rtpTimestamp, framings[track]);
            } else {
                media.packetizer().packetize(au, rtpTimestamp, udp.alloc(), sinks[track]);
            }
            media.sent(au);
            if (pacer != null) {
                pacer.spend(au.size());
            }
            if (!media.anchored()) {
                media.anchor(au, System.nanoTime(), unixNanos());
                writeSenderReport(media);
            }
            out.flush();
        } finally {
            au.release();
        }
    }

    private void writeTcp(RtspServerSessionMedia media, AccessUnit au, long rtpTimestamp, RtpPacketFraming framing) {
        RtpPacketizer packetizer = media.packetizer();
        ByteBuf packets = tcp.alloc().directBuffer(packetizer.packetizedLength(au, InterleavedFrame.HEADER_LENGTH));
        try {
            packetizer.packetizeInto(au, rtpTimestamp, packets, framing);
        } catch (RuntimeException e) {
            packets.release();
            throw e;
        }
        tcp.write(packets, tcp.voidPromise());
    }

    /** One sender report per track that has sent a unit (the session's RTCP timer). */
    void sendSenderReports() {
        boolean any = false;
        for (int i = 0; i < sinks.length; i++) {
            RtspServerSessionMedia media = session.media(i);
            if (media != null && media.anchored()) {
                writeSenderReport(media);
                any = true;
            }
        }
        if (any && tcp != null) {
            tcp.flush();
        }
    }

    private void writeSenderReport(RtspServerSessionMedia media) {
        int length = RtspServerSessionMedia.senderReportLength(cname);
        if (media.transport().tcp()) {
            ByteBuf frame = tcp.alloc().buffer(InterleavedFrame.HEADER_LENGTH + length);
            InterleavedFrame.writeHeader(frame, media.interleavedRtcp(), length);
            media.writeSenderReport(frame, cname);
            tcp.write(frame, tcp.voidPromise());
        } else {
            ByteBuf packet = udpRtcp.alloc().buffer(length);
            media.writeSenderReport(packet, cname);
            udpRtcp.writeAndFlush(new DatagramPacket(packet, media.clientRtcp()), udpRtcp.voidPromise());
        }
    }

    private static long unixNanos() {
        Instant now = UTC.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public boolean isReady() {
        if (tcp != null) {
            return tcp.isWritable();
        }
        long now = System.nanoTime();
        if (!pacer.ready(now)) {
            if (!resumeScheduled) {
                resumeScheduled = true;
                loop.schedule(() -> {
                    resumeScheduled = false;
                    session.resume();
                }, pacer.nanosUntilReady(now), TimeUnit.NANOSECONDS);
            }
            return false;
        }
        return udp.isWritable();
    }

    @Override
    public void onClose() {
        session.streamEnded();
    }
}
