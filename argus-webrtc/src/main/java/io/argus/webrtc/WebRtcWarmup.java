package io.argus.webrtc;

import java.security.SecureRandom;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.crypto.TlsECConfig;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs once what a node's first viewer would otherwise wait for: loading and compiling Jitsi's SRTP (and the Kotlin
 * runtime under it) and BouncyCastle's elliptic-curve code. Measured in WhepBrowserTest, the first viewer's offer to
 * first packet took 3.3 s without it and the next ones 0.2 s. In the background at start: nothing waits for it.
 */
final class WebRtcWarmup {
    private static final Logger LOG = LoggerFactory.getLogger(WebRtcWarmup.class);

    private WebRtcWarmup() {
    }

    static void start(DtlsCertificate certificate) {
        Thread.ofVirtual().name("argus-webrtc-warmup").start(() -> {
            long t0 = System.nanoTime();
            try (SrtpContexts srtp = new SrtpContexts(new byte[2 * (DtlsSrtpServer.KEY_LENGTH
                    + DtlsSrtpServer.SALT_LENGTH)], 1)) {
                byte[] rtp = new byte[12 + 100 + SrtpPacket.TRAILER];
                rtp[0] = (byte) 0x80;
                srtp.protectRtp(new SrtpPacket(rtp, 0, 112));
                BcTlsCrypto crypto = new BcTlsCrypto(new SecureRandom());
                crypto.createECDomain(new TlsECConfig(NamedGroup.secp256r1)).createECDH().generateEphemeral();
                ECDSASigner signer = new ECDSASigner();
                signer.init(true, (ECPrivateKeyParameters) certificate.privateKey());
                signer.generateSignature(new byte[32]);
                LOG.debug("WebRTC crypto warmed up in {} ms", (System.nanoTime() - t0) / 1_000_000);
            } catch (Exception | LinkageError e) {
                LOG.warn("WebRTC crypto warm-up failed (the first viewer will start slower): {}", e.toString());
            }
        });
    }
}
