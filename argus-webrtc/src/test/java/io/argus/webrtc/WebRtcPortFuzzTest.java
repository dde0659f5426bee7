package io.argus.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.media.codec.MediaFormat;
import io.argus.media.stream.Stream;
import io.argus.media.transport.NettyTransport;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * STUN, DTLS and RTP-shaped garbage at the muxed port never ends it: after thousands of random datagrams of every
 * first-byte class (RFC 7983), from an address ICE checked, the port still answers a valid binding request for
 * a new session.
 */
class WebRtcPortFuzzTest {
    static final List<MediaFormat> H264 = List.of(
            new MediaFormat.H264(new byte[] {0x67, 0x42, (byte) 0xc0, 0x1f}, new byte[] {0x68, (byte) 0xce}));

    private final ExecutorService writer = Executors.newSingleThreadExecutor();
    private WebRtcServer server;
    private Stream stream;

    @BeforeEach
    void start() {
        server = new WebRtcServer(new WebRtcServerConfig(0, List.of()), NettyTransport.nio());
        server.start();
        stream = new Stream("cam", H264, writer);
    }

    @AfterEach
    void stop() {
        server.close();
        writer.execute(stream::close);
        writer.shutdown();
    }

    @Test
    void garbageNeverKillsThePort() throws Exception {
        Random random = new Random(7983);
        InetSocketAddress port = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
        String fingerprint = DtlsCertificate.generate().fingerprint();
        WhepSession session = server.open("cam", stream, StunRequests.offer("remoteUfrag", "remotePassword1234567890",
                fingerprint));
        String ufrag = StunRequests.attribute(session.answer(), "ice-ufrag");
        String pwd = StunRequests.attribute(session.answer(), "ice-pwd");
        try (DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            client.setSoTimeout(500);
            assertAnswered(client, port, ufrag, pwd, random);
            for (int i = 0; i < 3000; i++) {
                byte[] junk = new byte[1 + random.nextInt(1400)];
                random.nextBytes(junk);
                int kind = i % 4;
                junk[0] = (byte) (kind == 0 ? random.nextInt(4) : kind == 1 ? 20 + random.nextInt(44)
                        : kind == 2 ? 128 + random.nextInt(64) : junk[0]);
                if (kind == 0 && junk.length >= 20) {
                    // Well-formed STUN headers with random attributes get past the first checks.
                    ByteBuffer.wrap(junk).putShort(2, (short) (junk.length - 20)).putInt(4, StunMessage.MAGIC_COOKIE);
                }
                client.send(new DatagramPacket(junk, junk.length, port));
            }
        }
        // DTLS garbage from the address ICE checked reaches that viewer's handshake, which may fail and end that
        // session; the port and every other session go on.
        assertThat(server.counters().badStun() + server.counters().dropped() + server.counters().badRtcp())
                .isPositive();
        WhepSession fresh = server.open("cam", stream, StunRequests.offer("otherUfrag", "remotePassword1234567890",
                fingerprint));
        try (DatagramSocket other = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            other.setSoTimeout(500);
            assertAnswered(other, port, StunRequests.attribute(fresh.answer(), "ice-ufrag"),
                    StunRequests.attribute(fresh.answer(), "ice-pwd"), random);
        }
    }

    @Test
    void aRequestWithTheWrongPasswordIsNotAnswered() throws Exception {
        WhepSession session = server.open("cam", stream, StunRequests.offer("remoteUfrag", "remotePassword1234567890",
                DtlsCertificate.generate().fingerprint()));
        String ufrag = StunRequests.attribute(session.answer(), "ice-ufrag");
        try (DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            byte[] req = StunRequests.binding(ufrag + ":remoteUfrag", "not-the-password", new Random(1));
            client.send(new DatagramPacket(req, req.length,
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port())));
            io.argus.testkit.Await.until(java.time.Duration.ofSeconds(5), () -> server.counters().badStun() == 1,
                    () -> "the bad request counted");
        }
    }

    /**
     * Sends a valid binding request, again every half second as an ICE agent does (RFC 8445 §14.3: a port still
     * draining a flood drops what does not fit its socket buffer), and checks the answer is a success naming the
     * client's address.
     */
    static void assertAnswered(DatagramSocket client, InetSocketAddress port, String ufrag, String pwd, Random random)
            throws Exception {
        byte[] req = StunRequests.binding(ufrag + ":remoteUfrag", pwd, random);
        byte[] buf = new byte[1500];
        DatagramPacket in = new DatagramPacket(buf, buf.length);
        for (int attempt = 0; ; attempt++) {
            client.send(new DatagramPacket(req, req.length, port));
            try {
                do {
                    client.receive(in);
                } while (in.getLength() < 20 || (buf[0] & 0xff) > 3);
                break;
            } catch (java.net.SocketTimeoutException e) {
                if (attempt == 20) {
                    throw e;
                }
            }
        }
        ByteBuffer b = ByteBuffer.wrap(buf, 0, in.getLength());
        assertThat(b.getShort(0) & 0xffff).isEqualTo(StunMessage.BINDING_SUCCESS);
        assertThat(ByteBuffer.wrap(buf, 8, 12).slice()).isEqualTo(ByteBuffer.wrap(req, 8, 12).slice());
        assertThat(b.getShort(20) & 0xffff).isEqualTo(StunMessage.XOR_MAPPED_ADDRESS);
        int xport = (b.getShort(26) & 0xffff) ^ (StunMessage.MAGIC_COOKIE >>> 16);
        assertThat(xport).isEqualTo(client.getLocalPort());
    }
}
