package io.argus.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.Codec;
import io.argus.media.stream.Stream;
import io.argus.media.transport.NettyTransport;
import io.argus.testkit.Await;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A WHEP session against an independent DTLS-SRTP client ({@link DtlsSrtpPeer}: BouncyCastle's DTLS client with its
 * own certificate, Jitsi SRTP with the keys it exported): ICE, the handshake with the fingerprint check, the camera's
 * cached keyframe as decryptable H.264 RTP with its parameter sets first, a NACKed packet sent again byte for byte,
 * and PLI answered by a restart on the cached keyframe.
 */
class WhepSessionTest {

    private final ExecutorService writer = Executors.newSingleThreadExecutor();
    private final WebRtcServer server = new WebRtcServer(new WebRtcServerConfig(0, List.of()), NettyTransport.nio());
    private final Stream stream = new Stream("cam", WebRtcPortFuzzTest.H264, writer);
    private final byte[] idr = new byte[3000];

    WhepSessionTest() {
        new Random(1).nextBytes(idr);
        idr[0] = 0x65;
    }

    @AfterEach
    void stop() {
        server.close();
        writer.execute(stream::close);
        writer.shutdown();
    }

    @Test
    void viewerReceivesTheKeyframeOverSrtpAndNackedPacketsAgain() throws Exception {
        server.start();
        publish(90_000, true, Unpooled.wrappedBuffer(idr));
        DtlsCertificate mine = DtlsCertificate.generate();
        WhepSession session = server.open("cam", stream, StunRequests.offer("viewer", "viewerPassword1234567890",
                mine.fingerprint()));
        assertThat(session.answer()).contains("a=ice-lite", "a=setup:passive", "a=rtpmap:103 H264/90000",
                "a=fmtp:103 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f",
                "a=fingerprint:sha-256 " + server.certificate().fingerprint(), " " + server.port() + " typ host");
        try (DtlsSrtpPeer peer = DtlsSrtpPeer.connect(server, session.answer(), mine)) {
            assertThat(peer.serverFingerprint).isEqualTo(server.certificate().fingerprint());
            byte[] first = peer.receiveRtp();
            int ssrc = ByteBuffer.wrap(first).getInt(8);
            SrtpPacket p = peer.decrypt(first);
            assertThat(p).as("decrypts").isNotNull();
            assertThat(p.getBuffer()[1] & 0x7f).isEqualTo(103);
            // The keyframe came without its parameter sets; the browser gets them first.
            assertThat(Arrays.copyOfRange(p.getBuffer(), 12, p.getLength())).containsExactly(0x67, 0x42, 0xc0, 0x1f);
            int sequence = ByteBuffer.wrap(first).getShort(2) & 0xffff;

            // RFC 4585 generic NACK for the first packet, and a PLI, from the viewer's SRTCP. The keyframe just
            // went out, so the PLI is counted and not answered with a second one.
            byte[] nack = DtlsSrtpPeer.nack(ssrc, sequence);
            byte[] pli = DtlsSrtpPeer.pli(ssrc);
            byte[] compound = Arrays.copyOf(nack, nack.length + pli.length);
            System.arraycopy(pli, 0, compound, nack.length, pli.length);
            peer.sendRtcp(compound);
            Await.until(Duration.ofSeconds(10), () -> session.stats().keyframeRequests() == 1,
                    () -> "NACK and PLI read: " + session.stats() + ", port counters: bad RTCP "
                            + server.counters().badRtcp());
            byte[] again;
            do {
                again = peer.receiveRtp();
            } while ((ByteBuffer.wrap(again).getShort(2) & 0xffff) != sequence);
            assertThat(again).isEqualTo(first);
            WhepStats stats = session.stats();
            assertThat(stats.nacks()).isEqualTo(1);
            assertThat(stats.retransmitted()).isEqualTo(1);
            assertThat(stats.resyncs()).isZero();
            assertThat(stats.state()).isEqualTo("playing");
            assertThat(stats.firstPacketMillis()).isNotNegative();

            // A keyframe that carries its own parameter sets (as most cameras send) goes out as it is, and is
            // released: the leak check at the end of the class fails the run otherwise.
            long before = session.stats().packetsSent();
            publish(180_000, true, Unpooled.wrappedBuffer(new byte[] {0x67, 0x42, (byte) 0xc0, 0x1f}),
                    Unpooled.wrappedBuffer(new byte[] {0x68, (byte) 0xce}), Unpooled.wrappedBuffer(idr));
            Await.until(Duration.ofSeconds(10), () -> session.stats().packetsSent() >= before + 5,
                    () -> "the second keyframe sent: " + session.stats());
        }
        session.close("test over");
        assertThat(server.sessions()).isEmpty();
    }

    /**
     * A viewer whose decoder lost its references asks for a keyframe (PLI) while the camera is mid-GOP: it gets the
     * cached keyframe and the picture after it again, at once, with new sequence numbers and timestamps after the
     * ones it has, instead of waiting for the camera's next keyframe. The session plays on.
     */
    @Test
    void pliMidGopRestartsTheViewerOnTheCachedKeyframe() throws Exception {
        server.start();
        publish(90_000, true, Unpooled.wrappedBuffer(idr));
        publish(93_600, false, Unpooled.wrappedBuffer(new byte[] {0x41, 1, 2, 3}));
        DtlsCertificate mine = DtlsCertificate.generate();
        WhepSession session = server.open("cam", stream, StunRequests.offer("viewer", "viewerPassword1234567890",
                mine.fingerprint()));
        try (DtlsSrtpPeer peer = DtlsSrtpPeer.connect(server, session.answer(), mine)) {
            Packet sps = next(peer);
            assertThat(sps.nal()).as("a new viewer starts on the cached keyframe").isEqualTo(0x67);
            Packet delta = until(peer, 0x41);
            int ssrc = delta.ssrc;

            // Browsers repeat a PLI until a keyframe comes; the first within a second of the last keyframe is not
            // answered (it would cross the one on its way).
            Await.until(Duration.ofSeconds(10), Duration.ofMillis(100), () -> {
                try {
                    peer.sendRtcp(DtlsSrtpPeer.pli(ssrc));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return session.stats().resyncs() == 1;
            }, () -> "PLI answered from the GOP cache: " + session.stats());
            Packet again = until(peer, 0x67);
            assertThat(again.sequence).as("new sequence numbers").isGreaterThan(delta.sequence);
            assertThat(again.timestamp).as("timestamps go on").isGreaterThan(delta.timestamp);
            Packet deltaAgain = until(peer, 0x41);
            assertThat(deltaAgain.timestamp).isGreaterThan(again.timestamp);

            publish(97_200, false, Unpooled.wrappedBuffer(new byte[] {0x41, 4, 5, 6}));
            Packet live = until(peer, 0x41);
            assertThat(live.payload[1]).as("the live picture after the cached ones").isEqualTo((byte) 4);
            assertThat(live.timestamp).isGreaterThan(deltaAgain.timestamp);
            assertThat(session.stats().state()).isEqualTo("playing");
        }
        session.close("test over");
    }

    private void publish(long pts, boolean keyframe, ByteBuf... units) {
        writer.execute(() -> stream.publish(AccessUnit.of(0, Codec.H264, pts, pts, keyframe, units, units.length,
                System.nanoTime())));
    }

    /** A decrypted RTP packet's fields. */
    private record Packet(int sequence, long timestamp, int ssrc, byte[] payload) {
        int nal() {
            return payload[0] & 0xff;
        }
    }

    private static Packet next(DtlsSrtpPeer peer) throws Exception {
        SrtpPacket p = peer.decrypt(peer.receiveRtp());
        assertThat(p).as("decrypts").isNotNull();
        ByteBuffer b = ByteBuffer.wrap(p.getBuffer(), 0, p.getLength());
        return new Packet(b.getShort(2) & 0xffff, b.getInt(4) & 0xffffffffL, b.getInt(8),
                Arrays.copyOfRange(p.getBuffer(), 12, p.getLength()));
    }

    /** The next packet whose payload starts with {@code nal} (a NAL unit header byte). */
    private static Packet until(DtlsSrtpPeer peer, int nal) throws Exception {
        for (;;) {
            Packet p = next(peer);
            if (p.nal() == nal) {
                return p;
            }
        }
    }
}
