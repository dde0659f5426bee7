package io.argus.webrtc;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.Random;
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
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.srtp.SrtpPolicy;
import org.jitsi.utils.logging2.LoggerImpl;

/**
 * A browser's side of a WHEP session, independent of the server's code: ICE as a full agent's binding request,
 * BouncyCastle's DTLS client with its own certificate (checked against the answer's fingerprint by the server),
 * use_srtp, and Jitsi SRTP contexts from the keys it exported. For tests and the viewers benchmark.
 */
final class DtlsSrtpPeer implements AutoCloseable {
    private static final SrtpPolicy POLICY = new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, 16,
            SrtpPolicy.HMACSHA1_AUTHENTICATION, 20, 10, 14);
    private static final LoggerImpl LOG = new LoggerImpl("test");

    final DatagramSocket socket;
    final String serverFingerprint;
    private final byte[] keys;
    private SrtpCryptoContext in;
    private SrtcpCryptoContext out;
    private int rtcpIndex;

    private DtlsSrtpPeer(DatagramSocket socket, String serverFingerprint, byte[] keys) {
        this.socket = socket;
        this.serverFingerprint = serverFingerprint;
        this.keys = keys;
    }

    /** Offers with {@code mine}'s fingerprint, answers ICE for {@code answer} and completes DTLS. */
    static DtlsSrtpPeer connect(WebRtcServer server, String answer, DtlsCertificate mine) throws Exception {
        InetSocketAddress port = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
        DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        try {
            socket.setSoTimeout(500);
            WebRtcPortFuzzTest.assertAnswered(socket, port, StunRequests.attribute(answer, "ice-ufrag"),
                    StunRequests.attribute(answer, "ice-pwd"), new Random(2));
            socket.connect(port);
            Client client = new Client(mine);
            new DTLSClientProtocol().connect(client, new UDPTransport(socket, 1500));
            socket.setSoTimeout(10_000);
            return new DtlsSrtpPeer(socket, client.serverFingerprint, client.keys);
        } catch (Exception | Error e) {
            socket.close();
            throw e;
        }
    }

    /** The next SRTP datagram as received (RTCP skipped), still encrypted. */
    byte[] receiveRtp() throws IOException {
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

    /** {@code datagram} decrypted (a new packet; header and payload in its buffer), or null if it fails. */
    SrtpPacket decrypt(byte[] datagram) throws Exception {
        if (in == null) {
            in = new SrtpContextFactory(false, Arrays.copyOfRange(keys, 16, 32), Arrays.copyOfRange(keys, 46, 60),
                    POLICY, POLICY, LOG).deriveContext(ByteBuffer.wrap(datagram).getInt(8), 0);
        }
        SrtpPacket p = new SrtpPacket(datagram.clone(), 0, datagram.length);
        return in.reverseTransformPacket(p, false) == SrtpErrorStatus.OK ? p : null;
    }

    /** Sends a plain RTCP compound, SRTCP-protected with the client's keys. */
    void sendRtcp(byte[] compound) throws Exception {
        if (out == null) {
            out = new SrtpContextFactory(true, Arrays.copyOfRange(keys, 0, 16), Arrays.copyOfRange(keys, 32, 46),
                    POLICY, POLICY, LOG).deriveControlContext(1);
        }
        byte[] b = Arrays.copyOf(compound, compound.length + SrtpPacket.TRAILER);
        SrtpPacket p = new SrtpPacket(b, 0, compound.length);
        if (out.transformPacket(p) != SrtpErrorStatus.OK) {
            throw new IllegalStateException("SRTCP refused packet " + rtcpIndex);
        }
        rtcpIndex++;
        socket.send(new DatagramPacket(p.getBuffer(), p.getLength()));
    }

    /** RFC 4585 §6.3.1: a picture loss indication from SSRC 1 for {@code mediaSsrc}. */
    static byte[] pli(int mediaSsrc) {
        return ByteBuffer.allocate(12).put((byte) 0x81).put((byte) 206).putShort((short) 2).putInt(1)
                .putInt(mediaSsrc).array();
    }

    /** RFC 4585 §6.2.1: a generic NACK for one packet. */
    static byte[] nack(int mediaSsrc, int sequence) {
        return ByteBuffer.allocate(16).put((byte) 0x81).put((byte) 205).putShort((short) 3).putInt(1)
                .putInt(mediaSsrc).putShort((short) sequence).putShort((short) 0).array();
    }

    @Override
    public void close() {
        socket.close();
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
        public Hashtable getClientExtensions() throws IOException {
            Hashtable ext = super.getClientExtensions();
            TlsSRTPUtils.addUseSRTPExtension(ext, new UseSRTPData(
                    new int[] {SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80}, TlsUtils.EMPTY_BYTES));
            return ext;
        }

        @Override
        public TlsAuthentication getAuthentication() {
            return new TlsAuthentication() {
                @Override
                public void notifyServerCertificate(TlsServerCertificate c) throws IOException {
                    serverFingerprint = DtlsCertificate.fingerprint(c.getCertificate().getCertificateAt(0).getEncoded());
                }

                @Override
                public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                    TlsCertificate cert = getCrypto().createCertificate(certificate.der());
                    return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context),
                            (BcTlsCrypto) getCrypto(), certificate.privateKey(),
                            new Certificate(new TlsCertificate[] {cert}),
                            SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
                }
            };
        }

        @Override
        public void notifyHandshakeComplete() throws IOException {
            super.notifyHandshakeComplete();
            keys = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, 60);
        }
    }
}
