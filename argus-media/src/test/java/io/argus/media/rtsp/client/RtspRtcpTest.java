package io.argus.media.rtsp.client;

import io.argus.testkit.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.rtcp.NtpTime;
import io.argus.media.codec.rtcp.RtcpCompound;
import io.argus.media.codec.rtcp.RtcpParser;
import io.argus.media.codec.rtcp.RtcpReceiverReport;
import io.argus.media.codec.rtcp.RtcpReportBlock;
import io.argus.media.codec.rtcp.RtcpSenderReport;
import io.argus.media.codec.rtcp.RtcpSourceDescription;
import io.argus.media.codec.rtcp.RtcpStatus;
import io.argus.media.codec.rtcp.RtcpWriter;
import io.argus.media.path.Backoff;
import io.argus.media.path.Path;
import io.argus.media.path.PathManager;
import io.argus.media.path.SourceConfig;
import io.argus.media.path.SourceCounters;
import io.argus.media.path.Transport;
import io.argus.media.rtsp.RecordingListener;
import io.argus.media.rtsp.RtspTestMedia;
import io.argus.media.rtsp.ScriptedRtspServer;
import io.argus.media.rtsp.server.RtspAuthenticator;
import io.argus.media.rtsp.server.RtspServer;
import io.argus.media.rtsp.server.RtspServerConfig;
import io.argus.media.stream.Stream;
import io.argus.testkit.tier.E2e;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultEventLoop;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** RTCP over loopback: our server's sender reports reach our client; our client's receiver reports reach a camera. */
@E2e
class RtspRtcpTest {

    static final Duration WAIT = Duration.ofSeconds(15);
    static final long TICKS_PER_SECOND = 90_000;

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"TCP", "UDP"})
    void serverSendsSenderReportsAtPlayAndPeriodically(Transport transport) throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        PathManager paths = new PathManager(List.of(), scheduler, Backoff.DEFAULT);
        RtspServer server = new RtspServer(RtspServerConfig.ephemeral(), paths, RtspAuthenticator.ALLOW_ALL, 1);
        RtspClient client = new RtspClient(RtspClientConfig.DEFAULT, 1);
        DefaultEventLoop sourceLoop = new DefaultEventLoop();
        List<AccessUnit> units = RtspTestMedia.h264Units();
        try {
            server.start();
            Path path = paths.add("cam1", "cam1", null, true);
            Stream source = path.acquirePublisher().onReady(List.of(RtspTestMedia.h264Format(units)), sourceLoop);
            long startWallNanos = System.currentTimeMillis() * 1_000_000L;
            long[] n = {0};
            ScheduledFuture<?> feed = sourceLoop.scheduleAtFixedRate(() -> {
                AccessUnit src = units.get((int) (n[0] % units.size()));
                source.publish(restamped(src, n[0]++ * RtspTestMedia.FRAME_TICKS));
            }, 0, 40, TimeUnit.MILLISECONDS);

            URI url = URI.create("rtsp://127.0.0.1:" + server.port() + "/cam1");
            RecordingListener listener = new RecordingListener();
            RtspClientAttempt attempt = (RtspClientAttempt) client.connect(new SourceConfig(url, null, null,
                    transport), listener, new SourceCounters());
            Await.until(WAIT, () -> attempt.lastSenderReport(0) != null, () -> "the first SR; end "
                    + listener.endReason);
            RtcpSenderReport first = attempt.lastSenderReport(0);
            long firstAt = System.nanoTime();
            assertThat(first.packetCount()).isPositive();
            assertThat(first.octetCount()).isGreaterThan(first.packetCount());
            assertThat(NtpTime.toUnixNanos(first.ntpTimestamp()) - startWallNanos).as("NTP of the first unit")
                    .isBetween(-1_000_000_000L, 5_000_000_000L);

            Await.until(WAIT, () -> attempt.lastSenderReport(0) != first, () -> "the periodic SR");
            RtcpSenderReport second = attempt.lastSenderReport(0);
            assertThat((System.nanoTime() - firstAt) / 1_000_000).as("ms to the periodic SR")
                    .isBetween(3_000L, 6_000L);
            long ntpTicks = (NtpTime.toUnixNanos(second.ntpTimestamp()) - NtpTime.toUnixNanos(first.ntpTimestamp()))
                    * TICKS_PER_SECOND / 1_000_000_000L;
            long rtpTicks = (second.rtpTimestamp() - first.rtpTimestamp()) & 0xffffffffL;
            assertThat(rtpTicks).as("NTP and RTP advance together").isBetween(ntpTicks - 1, ntpTicks + 1);
            assertThat(rtpTicks).as("about 5 s of 25 fps").isBetween(4 * TICKS_PER_SECOND, 6 * TICKS_PER_SECOND);
            assertThat(second.packetCount()).isGreaterThan(first.packetCount());
            assertThat(second.octetCount()).isGreaterThan(first.octetCount());

            attempt.close();
            listener.closeStream();
            feed.cancel(false);
        } finally {
            client.close();
            server.close();
            paths.close();
            sourceLoop.submit(() -> units.forEach(AccessUnit::release)).syncUninterruptibly();
            sourceLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            scheduler.shutdownNow();
        }
    }

    private static AccessUnit restamped(AccessUnit src, long pts) {
        ByteBuf[] nals = new ByteBuf[src.unitCount()];
        for (int i = 0; i < nals.length; i++) {
            nals[i] = src.unit(i).retainedSlice();
        }
        return AccessUnit.of(src.track(), src.codec(), pts, pts, src.keyframe(), nals, nals.length, System.nanoTime());
    }

    static final String H264_SDP = "v=0\r\ns=cam\r\nt=0 0\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n"
            + "a=control:track1\r\n";
    static final Pattern CLIENT_PORT = Pattern.compile("client_port=(\\d+)-(\\d+)");
    static final long CAMERA_SSRC = 0x11223344L;

    /** A scripted UDP camera: RTP and an SR go to the client; its receiver report comes back to the RTCP port. */
    @Test
    void clientSendsReceiverReportsOverUdpEchoingTheLastSr() throws Exception {
        try (DatagramSocket camRtp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket camRtcp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             ScriptedRtspServer cam = new ScriptedRtspServer((r, n) -> switch (r.method()) {
                 case "DESCRIBE" -> ScriptedRtspServer.response(r, "200 OK", "Content-Type: application/sdp\r\n",
                         H264_SDP);
                 case "SETUP" -> ScriptedRtspServer.response(r, "200 OK", "Session: 42;timeout=60\r\nTransport: "
                         + r.headers().get("transport") + ";server_port=" + camRtp.getLocalPort() + "-"
                         + camRtcp.getLocalPort() + "\r\n", "");
                 default -> ScriptedRtspServer.response(r, "200 OK", "Session: 42\r\n", "");
             });
             RtspClient client = new RtspClient(RtspClientConfig.DEFAULT, 1)) {
            RecordingListener listener = new RecordingListener();
            RtspClientAttempt attempt = (RtspClientAttempt) client.connect(new SourceConfig(
                    URI.create(cam.url("/cam")), null, null, Transport.UDP), listener, new SourceCounters());
            Await.until(WAIT, () -> cam.requests.stream().anyMatch(r -> r.method().equals("PLAY")), () -> "PLAY");
            Matcher m = CLIENT_PORT.matcher(cam.requests.stream().filter(r -> r.method().equals("SETUP"))
                    .findFirst().orElseThrow().headers().get("transport"));
            assertThat(m.find()).isTrue();
            InetAddress local = InetAddress.getLoopbackAddress();
            int clientRtp = Integer.parseInt(m.group(1));
            int clientRtcp = Integer.parseInt(m.group(2));
            for (int seq = 100; seq < 110; seq++) {
                byte[] p = {(byte) 0x80, (byte) 0xe0, 0, (byte) seq, 0, 0, 0x0e, 0x10, 0x11, 0x22, 0x33, 0x44, 0x65, 1, 2};
                p[7] = (byte) (seq * 36);
                if (seq != 105) {
                    camRtp.send(new DatagramPacket(p, p.length, local, clientRtp));
                }
                Thread.sleep(5);
            }
            long ntp = NtpTime.fromUnixNanos(System.currentTimeMillis() * 1_000_000L);
            ByteBuf sr = Unpooled.buffer();
            RtcpWriter.writeSenderReport(sr, CAMERA_SSRC, ntp, 3600, 9, 27, "cam".getBytes());
            byte[] srBytes = new byte[sr.readableBytes()];
            sr.readBytes(srBytes);
            sr.release();
            camRtcp.send(new DatagramPacket(srBytes, srBytes.length, local, clientRtcp));
            Await.until(WAIT, () -> attempt.lastSenderReport(0) != null, () -> "the client to take the SR");
            assertThat(attempt.lastSenderReport(0).ntpTimestamp()).isEqualTo(ntp);

            camRtcp.setSoTimeout((int) WAIT.toMillis());
            byte[] buf = new byte[1500];
            DatagramPacket in = new DatagramPacket(buf, buf.length);
            camRtcp.receive(in);
            assertThat(in.getPort()).as("sent from the RTCP port offered").isEqualTo(clientRtcp);
            ByteBuf rr = Unpooled.wrappedBuffer(buf, 0, in.getLength());
            RtcpCompound compound = RtcpParser.parse(rr);
            rr.release();
            assertThat(compound.status()).isEqualTo(RtcpStatus.OK);
            assertThat(compound.packets()).hasSize(2);
            assertThat(compound.packets().get(1)).isInstanceOf(RtcpSourceDescription.class);
            RtcpReportBlock block = ((RtcpReceiverReport) compound.packets().get(0)).reports().get(0);
            assertThat(block.ssrc()).isEqualTo(CAMERA_SSRC);
            assertThat(block.highestSequence()).isEqualTo(109);
            assertThat(block.cumulativeLost()).isEqualTo(1);
            assertThat(block.fractionLost()).isEqualTo(256 / 10);
            assertThat(block.lastSr()).isEqualTo(NtpTime.middle32(ntp));
            assertThat(block.delaySinceLastSr()).as("DLSR in 1/65536 s, under 8 s").isBetween(1L, 8L * 65536);
            attempt.close();
            listener.closeStream();
        }
    }
}
