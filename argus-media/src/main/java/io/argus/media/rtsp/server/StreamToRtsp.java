package io.argus.media.rtsp.server;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.rtp.RtpPacketSink;
import io.argus.media.rtsp.InterleavedFrame;
import io.argus.media.stream.StreamConsumer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Sends a stream's access units to one reader session: each unit is packetized per track and written without
 * copying its payload — over TCP as {@code $}-framed packets (the 4-byte frame header and the RTP header packed
 * in a small buffer shared by the unit's packets, then the payload slice), all of a unit's packets one composite
 * message, so the pipeline and the outbound buffer see one write per unit rather than two per packet; over UDP as
 * datagrams of the header and the slice — and flushed once per unit. Runs on the connection's event loop.
 *
 * <p>RTCP (RFC 3550 §6.4.1): each track's first unit is followed at once by a sender report, so a player can
 * place the first frame on the wall-clock timeline, and {@link #sendSenderReports()} repeats them from the
 * session's timer. Over TCP they go on the track's RTCP channel, over UDP from the server's RTCP socket to the
 * client's RTCP port. A report is one small buffer every few seconds; nothing is allocated per packet for it.
 */
final class StreamToRtsp implements StreamConsumer {

    private static final Clock UTC = Clock.systemUTC();

    /**
     * Room for the framed headers of one buffer: 1 KiB holds about 50 packets' 4-byte frame header and RTP + FU
     * header, a 2 Mbit/s P-frame's or a third of its keyframe's at 1,400-byte packets.
     */
    private static final int HEADERS_CHUNK = 1024;

    private final RtspServerSession session;
    private final Channel tcp;
    private final Channel udp;
    private final Channel udpRtcp;
    private final RtpPacketSink[] sinks;
    private final byte[] cname;
    private final EventLoop loop;
    private final UdpPacer pacer;
    private boolean resumeScheduled;
    /** The unit being framed for TCP: its packets as components, written as one message (one pass of the pipeline). */
    private CompositeByteBuf unit;
    /** The interleaved frame headers and RTP headers of the unit being framed, packed; its components slice it. */
    private ByteBuf headers;

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
        for (int i = 0; i < medias.length; i++) {
            RtspServerSessionMedia m = medias[i];
            if (m != null) {
                sinks[i] = m.transport().tcp() ? tcpSink(m) : udpSink(m);
            }
        }
    }

    private RtpPacketSink tcpSink(RtspServerSessionMedia m) {
        int channel = m.transport().interleavedRtp();
        return (header, payload) -> {
            int length = header.readableBytes() + (payload == null ? 0 : payload.readableBytes());
            m.countPacket(length - RtspServerSessionMedia.RTP_HEADER_LENGTH);
            int framed = InterleavedFrame.HEADER_LENGTH + header.readableBytes();
            if (headers == null || headers.writableBytes() < framed) {
                releaseHeaders();
                headers = tcp.alloc().directBuffer(Math.max(HEADERS_CHUNK, framed));
            }
            int at = headers.writerIndex();
            InterleavedFrame.writeHeader(headers, channel, length);
            headers.writeBytes(header);
            header.release();
            unit.addComponent(true, headers.retainedSlice(at, framed));
            if (payload != null) {
                unit.addComponent(true, payload);
            }
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
            if (out == tcp) {
                unit = tcp.alloc().compositeDirectBuffer(Integer.MAX_VALUE);
            }
            try {
                media.packetizer().packetize(au, media.rtpTimestamp(au.pts()), out.alloc(), sinks[track]);
            } finally {
                if (out == tcp) {
                    tcp.write(unit, tcp.voidPromise());
                    unit = null;
                    releaseHeaders();
                }
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

    /** Drops this consumer's reference to the headers buffer; the components written keep theirs. */
    private void releaseHeaders() {
        if (headers != null) {
            headers.release();
            headers = null;
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
