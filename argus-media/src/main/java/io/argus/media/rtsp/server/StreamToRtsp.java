package io.argus.media.rtsp.server;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.rtp.RtpPacketSink;
import io.argus.media.rtsp.InterleavedFrame;
import io.argus.media.stream.StreamConsumer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;

/**
 * Sends a stream's access units to one reader session: each unit is packetized per track and written without
 * copying its payload — over TCP as {@code $}-framed packets (the 4-byte frame header and the RTP header in one
 * small buffer, then the payload slice), over UDP as datagrams of the header and the slice — and flushed
 * once per unit. Runs on the connection's event loop.
 */
final class StreamToRtsp implements StreamConsumer {

    private final RtspServerSession session;
    private final Channel tcp;
    private final Channel udp;
    private final RtpPacketSink[] sinks;

    /**
     * @param tcp the RTSP connection (interleaved transport), or null
     * @param udp the server's shared RTP socket (UDP transport), or null
     */
    StreamToRtsp(RtspServerSession session, RtspServerSessionMedia[] medias, Channel tcp, Channel udp) {
        this.session = session;
        this.tcp = tcp;
        this.udp = udp;
        this.sinks = new RtpPacketSink[medias.length];
        for (int i = 0; i < medias.length; i++) {
            RtspServerSessionMedia m = medias[i];
            if (m != null) {
                sinks[i] = m.transport().tcp() ? tcpSink(m.transport().interleavedRtp()) : udpSink(m);
            }
        }
    }

    private RtpPacketSink tcpSink(int channel) {
        return (header, payload) -> {
            int length = header.readableBytes() + (payload == null ? 0 : payload.readableBytes());
            ByteBuf prefix = tcp.alloc().buffer(InterleavedFrame.HEADER_LENGTH + header.readableBytes());
            InterleavedFrame.writeHeader(prefix, channel, length);
            prefix.writeBytes(header);
            header.release();
            tcp.write(prefix, tcp.voidPromise());
            if (payload != null) {
                tcp.write(payload, tcp.voidPromise());
            }
        };
    }

    private RtpPacketSink udpSink(RtspServerSessionMedia m) {
        return (header, payload) -> {
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
            media.packetizer().packetize(au, media.rtpTimestamp(au.pts()), out.alloc(), sinks[track]);
            out.flush();
        } finally {
            au.release();
        }
    }

    @Override
    public boolean isReady() {
        return tcp != null ? tcp.isWritable() : udp.isWritable();
    }

    @Override
    public void onClose() {
        session.streamEnded();
    }
}
