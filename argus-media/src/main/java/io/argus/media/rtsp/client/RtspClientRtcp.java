package io.argus.media.rtsp.client;

import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.rtcp.RtcpCompound;
import io.argus.media.codec.rtcp.RtcpParser;
import io.argus.media.codec.rtcp.RtcpReceptionStatistics;
import io.argus.media.codec.rtcp.RtcpReportBlock;
import io.argus.media.codec.rtcp.RtcpSenderReport;
import io.argus.media.codec.rtcp.RtcpStatus;
import io.argus.media.codec.rtcp.RtcpWriter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The RTCP side of one playing session (RFC 3550 §6): reception statistics per track from the RTP headers,
 * the camera's sender reports (TCP and UDP) kept per track, and receiver reports sent to the camera over UDP.
 * Cameras (Hikvision, Axis) end a UDP session that sends no RTCP; over TCP the RTSP keep-alive suffices, so no
 * receiver reports are sent there.
 *
 * <p>Everything but {@link #lastSenderReport} runs on the attempt's event loop.
 */
final class RtspClientRtcp {

    /**
     * Period of receiver reports: RFC 3550 §6.2's recommended minimum interval of 5 s, well inside the 60 s
     * session timeouts cameras apply to UDP sessions without RTCP.
     */
    static final long RECEIVER_REPORT_INTERVAL_MILLIS = 5_000;

    /** Random bytes of the CNAME: RFC 7022 §4.2 asks for at least 96 bits. */
    private static final int CNAME_RANDOM_BYTES = 12;

    private final RtcpReceptionStatistics[] stats;
    private final AtomicReferenceArray<RtcpSenderReport> senderReports;
    private final long ssrc = ThreadLocalRandom.current().nextLong() & 0xffffffffL;
    private final byte[] cname;
    private long invalid;

    RtspClientRtcp(List<MediaFormat> formats) {
        stats = new RtcpReceptionStatistics[formats.size()];
        for (int i = 0; i < stats.length; i++) {
            stats[i] = new RtcpReceptionStatistics(formats.get(i).clockRate());
        }
        senderReports = new AtomicReferenceArray<>(stats.length);
        byte[] random = new byte[CNAME_RANDOM_BYTES];
        ThreadLocalRandom.current().nextBytes(random);
        cname = HexFormat.of().formatHex(random).getBytes(StandardCharsets.US_ASCII);
    }

    /** An RTP packet of {@code track} arrived. <b>Borrows</b> {@code packet}. */
    void onRtp(int track, ByteBuf packet, long nanos) {
        stats[track].onRtpPacket(packet, nanos);
    }

    /**
     * A compound RTCP packet for {@code track} arrived. <b>Borrows</b> {@code packet}. The track's sender report
     * is the one from the SSRC of its RTP packets, or the first one while no RTP has arrived.
     */
    void onRtcp(int track, ByteBuf packet, long nanos) {
        RtcpCompound compound = RtcpParser.parse(packet);
        if (compound.status() != RtcpStatus.OK) {
            invalid++;
        }
        RtcpReceptionStatistics s = stats[track];
        RtcpSenderReport sr = s.started() ? compound.senderReport(s.ssrc()) : compound.firstSenderReport();
        if (sr != null) {
            s.onSenderReport(sr, nanos);
            senderReports.set(track, sr);
        }
    }

    /**
     * The latest sender report of {@code track} (its NTP↔RTP timestamp mapping), or null before the first.
     * Any thread.
     */
    RtcpSenderReport lastSenderReport(int track) {
        return senderReports.get(track);
    }

    /** Compound RTCP packets that did not parse cleanly. */
    long invalidPackets() {
        return invalid;
    }

    /**
     * Sends one receiver report per UDP track that has received RTP: RR with the track's report block and SDES
     * CNAME, from the track's RTCP socket to the camera's RTCP port.
     *
     * @param sockets the RTCP socket of each track, by track
     * @param targets the camera's RTCP address of each track, by track (null entries are skipped)
     */
    void sendReceiverReports(Channel[] sockets, InetSocketAddress[] targets, long nowNanos) {
        for (int i = 0; i < stats.length && i < sockets.length; i++) {
            if (!stats[i].started() || sockets[i] == null || targets[i] == null) {
                continue;
            }
            List<RtcpReportBlock> block = List.of(stats[i].reportBlock(nowNanos));
            ByteBuf out = sockets[i].alloc().buffer(RtcpWriter.receiverReportLength(1, cname));
            RtcpWriter.writeReceiverReport(out, ssrc, block, cname);
            sockets[i].writeAndFlush(new DatagramPacket(out, targets[i]), sockets[i].voidPromise());
        }
    }
}
