package io.argus.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.Codec;
import io.argus.media.stream.Stream;
import io.argus.media.transport.NettyTransport;
import io.argus.testkit.Await;
import io.netty.buffer.Unpooled;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SRTPProtectionProfile;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UDPTransport;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.srtp.SrtpPolicy;
import org.jitsi.utils.logging2.LoggerImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A WHEP session against an independent DTLS-SRTP client (BouncyCastle's DTLS client with its own certificate, Jitsi
 * SRTP with the keys it exported): ICE, the handshake with the fingerprint check, the camera's cached keyframe as
 * decryptable H.264 RTP with its parameter sets first, a NACKed packet sent again byte for byte, and PLI counted.
 */
class WhepSessionTest {

    private final ExecutorService writer = Executors.newSingleThreadExecutor();
    private final WebRtcServer server = new WebRtcServer(new WebRtcServerConfig(0, List.of()), NettyTransport.nio());
    private final Stream stream = new Stream("cam", WebRtcPortFuzzTest.H264, writer);

    @AfterEach
    void stop() {
        server.close();
        writer.execute(stream::close);
        writer.shutdown();
    }

    @Test
    void viewerReceivesTheKeyframeOverSrtpAndNackedPacketsAgain() throws Exception {
        server.start();
        byte[] idr = new byte[3000];
        new Random(1).nextBytes(idr);
        idr[0] = 0x65;
        writer.execute(() -> stream.publish(AccessUnit.of(0, Codec.H264, 90_000, true, Unpooled.wrappedBuffer(idr),
                System.nanoTime())));
        DtlsCertificate mine = DtlsCertificate.generate();
        WhepSession session = server.open("cam", stream, StunRequests.offer("viewer", "viewerPassword1234567890",
                mine.fingerprint()));
        assertThat(session.answer()).contains("a=ice-lite", "a=setup:passive", "a=rtpmap:103 H264/90000",
                "a=fmtp:103 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f",
                "a=fingerprint:sha-256 " + server.certificate().fingerprint(), " " + server.port() + " typ host");
        InetSocketAddress port = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(500);
            WebRtcPortFuzzTest.assertAnswered(socket, port, StunRequests.attribute(session.answer(), "ice-ufrag"),
                    StunRequests.attribute(session.answer(), "ice-pwd"), new Random(2));
            socket.connect(port);
            Client client = new Client(mine);
            new DTLSClientProtocol().connect(client, new UDPTransport(socket, 1500));
            socket.setSoTimeout(10_000);
            assertThat(client.serverFingerprint).isEqualTo(server.certificate().fingerprint());

            byte[] keys = client.keys;
            byte[] serverKey = Arrays.copyOfRange(keys, 16, 32);
            byte[] serverSalt = Arrays.copyOfRange(keys, 60 - 14, 60);
            SrtpPolicy policy = new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, 16, SrtpPolicy.HMACSHA1_AUTHENTICATION,
                    20, 10, 14);
            LoggerImpl log = new LoggerImpl("test");
            SrtpContextFactory in = new SrtpContextFactory(false, serverKey, serverSalt, policy, policy, log);
            byte[] first = receiveRtp(socket);
            int ssrc = ByteBuffer.wrap(first).getInt(8);
            SrtpCryptoContext rtp = in.deriveContext(ssrc, 0);
            SrtpPacket p = new SrtpPacket(first.clone(), 0, first.length);
            assertThat(rtp.reverseTransformPacket(p, false)).isEqualTo(SrtpErrorStatus.OK);
            assertThat(p.getBuffer()[1] & 0x7f).isEqualTo(103);
            // The keyframe came without its parameter sets; the browser gets them first.
            assertThat(Arrays.copyOfRange(p.getBuffer(), 12, p.getLength())).containsExactly(0x67, 0x42, 0xc0, 0x1f);
            int sequence = ByteBuffer.wrap(first).getShort(2) & 0xffff;

            // RFC 4585 generic NACK for the first packet, and a PLI, from the viewer's SRTCP.
            byte[] clientKey = Arrays.copyOfRange(keys, 0, 16);
            byte[] clientSalt = Arrays.copyOfRange(keys, 32, 46);
            SrtcpCryptoContext out = new SrtpContextFactory(true, clientKey, clientSalt, policy, policy, log)
                    .deriveControlContext(1);
            ByteBuffer fb = ByteBuffer.allocate(16 + 12 + SrtpPacket.TRAILER);
            fb.put((byte) 0x81).put((byte) 205).putShort((short) 3).putInt(1).putInt(ssrc)
                    .putShort((short) sequence).putShort((short) 0);
            fb.put((byte) 0x81).put((byte) 206).putShort((short) 2).putInt(1).putInt(ssrc);
            SrtpPacket rtcp = new SrtpPacket(fb.array(), 0, 28);
            assertThat(out.transformPacket(rtcp)).isEqualTo(SrtpErrorStatus.OK);
            socket.send(new DatagramPacket(rtcp.getBuffer(), rtcp.getLength()));
            Await.until(Duration.ofSeconds(10), () -> session.stats().keyframeRequests() == 1,
                    () -> "NACK and PLI read: " + session.stats() + ", port counters: bad RTCP "
                            + server.counters().badRtcp());
            byte[] again;
            do {
                again = receiveRtp(socket);
            } while ((ByteBuffer.wrap(again).getShort(2) & 0xffff) != sequence);
            assertThat(again).isEqualTo(first);
            WhepStats stats = session.stats();
            assertThat(stats.nacks()).isEqualTo(1);
            assertThat(stats.retransmitted()).isEqualTo(1);
            assertThat(stats.state()).isEqualTo("playing");
            assertThat(stats.firstPacketMillis()).isNotNegative();

            // A keyframe that carries its own parameter sets (as most cameras send) goes out as it is, and is
            // released: the leak check at the end of the class fails the run otherwise.
            long before = session.stats().packetsSent();
            writer.execute(() -> stream.publish(AccessUnit.of(0, Codec.H264, 180_000, 180_000, true,
                    new io.netty.buffer.ByteBuf[] {Unpooled.wrappedBuffer(new byte[] {0x67, 0x42, (byte) 0xc0, 0x1f}),
                        Unpooled.wrappedBuffer(new byte[] {0x68, (byte) 0xce}), Unpooled.wrappedBuffer(idr)}, 3,
                    System.nanoTime())));
            Await.until(Duration.ofSeconds(10), () -> session.stats().packetsSent() >= before + 5,
                    () -> "the second keyframe sent: " + session.stats());
        }
        session.close("test over");
        assertThat(server.sessions()).isEmpty();
    }

    /** The next SRTP packet (RTCP sender reports skipped). */
    private static byte[] receiveRtp(DatagramSocket socket) throws Exception {
        byte[] buf = new byte[1500];
        for (;;) {
            DatagramPacket d = new DatagramPacket(buf, buf.length);
            socket.receive(d);
            int type = buf[1] & 0xff;
            if ((buf[0] & 0xc0) == 0x80 && (type < 192 || type > 223)) {
                return Arrays.copyOf(buf, d.getLength());
            }
        }
    }

    /** A browser's side of DTLS-SRTP: DTLS client, certificate offered, use_srtp, keys exported. */
    private static final class Client extends DefaultTlsClient {
        private final DtlsCertificate certificate;
        volatile String serverFingerprint;
        volatile byte[] keys;

        Client(DtlsCertificate certificate) {
            super(new BcTlsCrypto(new SecureRandom()));
            this.certificate = certificate;
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.DTLSv12.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return new int[] {CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256};
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public Hashtable getClientExtensions() throws java.io.IOException {
            Hashtable ext = super.getClientExtensions();
            TlsSRTPUtils.addUseSRTPExtension(ext, new UseSRTPData(
                    new int[] {SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80}, TlsUtils.EMPTY_BYTES));
            return ext;
        }

        @Override
        public TlsAuthentication getAuthentication() {
            return new TlsAuthentication() {
                @Override
                public void notifyServerCertificate(TlsServerCertificate c) throws java.io.IOException {
                    serverFingerprint = DtlsCertificate.fingerprint(c.getCertificate().getCertificateAt(0).getEncoded());
                }

                @Override
                public TlsCredentials getClientCredentials(CertificateRequest request) throws java.io.IOException {
                    TlsCertificate cert = getCrypto().createCertificate(certificate.der());
                    return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context),
                            (BcTlsCrypto) getCrypto(), certificate.privateKey(),
                            new Certificate(new TlsCertificate[] {cert}),
                            SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
                }
            };
        }

        @Override
        public void notifyHandshakeComplete() throws java.io.IOException {
            super.notifyHandshakeComplete();
            keys = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, 60);
        }
    }
}
