package io.argus.webrtc;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.Locale;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SRTPProtectionProfile;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The DTLS 1.2 server side of DTLS-SRTP (RFC 5764) for one viewer: ECDSA with the node's certificate, a client
 * certificate required and checked against the fingerprint of the viewer's SDP offer (RFC 8122 §5; it is what
 * binds the signalling to the media), the {@code use_srtp} extension with SRTP_AES128_CM_HMAC_SHA1_80 (the profile
 * every browser offers), and the SRTP keys exported once the handshake completes (RFC 5764 §4.2).
 */
final class DtlsSrtpServer extends DefaultTlsServer {

    /** Master key and salt lengths of SRTP_AES128_CM_HMAC_SHA1_80 (RFC 5764 §4.1.2). */
    static final int KEY_LENGTH = 16;
    static final int SALT_LENGTH = 14;

    private final DtlsCertificate certificate;
    private final String fingerprintAlgorithm;
    private final String fingerprint;
    private volatile byte[] keyingMaterial;

    /**
     * @param fingerprintAlgorithm the offer's hash function ({@code sha-256} …)
     * @param fingerprint          the offer's fingerprint, hex pairs separated by colons
     */
    DtlsSrtpServer(BcTlsCrypto crypto, DtlsCertificate certificate, String fingerprintAlgorithm, String fingerprint) {
        super(crypto);
        this.certificate = certificate;
        this.fingerprintAlgorithm = fingerprintAlgorithm;
        this.fingerprint = fingerprint;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return new int[] {CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA};
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
        TlsCertificate cert = getCrypto().createCertificate(certificate.der());
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), (BcTlsCrypto) getCrypto(),
                certificate.privateKey(), new Certificate(new TlsCertificate[] {cert}),
                SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    }

    @Override
    public CertificateRequest getCertificateRequest() {
        return new CertificateRequest(new short[] {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign},
                TlsUtils.getDefaultSupportedSignatureAlgorithms(context), null);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        if (clientCertificate == null || clientCertificate.isEmpty()) {
            throw new TlsFatalAlert(AlertDescription.handshake_failure);
        }
        byte[] der = clientCertificate.getCertificateAt(0).getEncoded();
        if (!fingerprint.equalsIgnoreCase(hash(der))) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate);
        }
    }

    private String hash(byte[] der) throws TlsFatalAlert {
        try {
            byte[] h = MessageDigest.getInstance(fingerprintAlgorithm.toUpperCase(Locale.ROOT)).digest(der);
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(h);
        } catch (GeneralSecurityException e) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate);
        }
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        UseSRTPData srtp = TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
        if (srtp == null || !contains(srtp.getProtectionProfiles(), SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80)) {
            throw new TlsFatalAlert(AlertDescription.handshake_failure);
        }
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getServerExtensions() throws IOException {
        Hashtable ext = TlsExtensionsUtils.ensureExtensionsInitialised(super.getServerExtensions());
        TlsSRTPUtils.addUseSRTPExtension(ext, new UseSRTPData(
                new int[] {SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80}, TlsUtils.EMPTY_BYTES));
        return ext;
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        keyingMaterial = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null,
                2 * (KEY_LENGTH + SALT_LENGTH));
    }

    /**
     * The exported SRTP keying material once the handshake completed: client key, server key, client salt, server
     * salt (RFC 5764 §4.2); null before.
     */
    byte[] keyingMaterial() {
        return keyingMaterial;
    }
}
