package io.argus.webrtc;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;

/**
 * The node's DTLS certificate: self-signed ECDSA P-256, made at start (RFC 8827 §6.5: WebRTC certificates are not
 * validated by a CA; the peer checks the SHA-256 fingerprint the SDP carries). One per node, shared by every
 * viewer, so an answer costs no key generation.
 */
final class DtlsCertificate {

    /** Validity of the self-signed certificate: browsers do not check it, a month covers any node's uptime. */
    private static final long VALIDITY_MILLIS = 30L * 24 * 3600 * 1000;

    private final byte[] der;
    private final AsymmetricKeyParameter privateKey;
    private final String fingerprint;

    private DtlsCertificate(byte[] der, AsymmetricKeyParameter privateKey) {
        this.der = der;
        this.privateKey = privateKey;
        this.fingerprint = fingerprint(der);
    }

    static DtlsCertificate generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair kp = g.generateKeyPair();
            long now = System.currentTimeMillis();
            X500Name name = new X500Name("CN=argus");
            V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
            tbs.setSerialNumber(new ASN1Integer(new BigInteger(64, new SecureRandom())));
            tbs.setIssuer(name);
            tbs.setSubject(name);
            tbs.setStartDate(new Time(new Date(now - 24 * 3600 * 1000L)));
            tbs.setEndDate(new Time(new Date(now + VALIDITY_MILLIS)));
            AlgorithmIdentifier alg = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
            tbs.setSignature(alg);
            tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(kp.getPublic().getEncoded()));
            TBSCertificate cert = tbs.generateTBSCertificate();
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(kp.getPrivate());
            s.update(cert.getEncoded(ASN1Encoding.DER));
            ASN1EncodableVector v = new ASN1EncodableVector();
            v.add(cert);
            v.add(alg);
            v.add(new DERBitString(s.sign()));
            byte[] der = new DERSequence(v).getEncoded(ASN1Encoding.DER);
            return new DtlsCertificate(der, PrivateKeyFactory.createKey(kp.getPrivate().getEncoded()));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make the DTLS certificate", e);
        }
    }

    /** {@code sha-256} fingerprint of a DER certificate as SDP writes it (RFC 8122 §5): upper-case hex pairs. */
    static String fingerprint(byte[] der) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(der);
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(h);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    byte[] der() {
        return der.clone();
    }

    AsymmetricKeyParameter privateKey() {
        return privateKey;
    }

    /** The SHA-256 fingerprint, for {@code a=fingerprint:sha-256 ...}. */
    String fingerprint() {
        return fingerprint;
    }
}
