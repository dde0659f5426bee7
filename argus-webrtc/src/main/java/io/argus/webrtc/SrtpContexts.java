package io.argus.webrtc;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.srtp.SrtpPolicy;
import org.jitsi.srtp.crypto.Aes;
import org.jitsi.utils.logging2.LoggerImpl;

/**
 * The SRTP and SRTCP contexts of one viewer (RFC 3711, SRTP_AES128_CM_HMAC_SHA1_80), from the keys its DTLS
 * handshake exported: the server's keys protect what we send, the client's unprotect the RTCP it sends back.
 * Used on the viewer's event loop only.
 */
final class SrtpContexts implements AutoCloseable {

    /** RTCP senders a viewer may use; more is a misbehaving peer, whose extra reports are dropped. */
    private static final int MAX_REMOTE_SSRCS = 8;
    /** RFC 3550 §5.1's fixed header, and the HMAC-SHA1-80 tag SRTP appends (RFC 3711 §3.1): the least to check. */
    private static final int RTP_HEADER = 12;
    private static final int SRTP_TAG = 10;
    private static final LoggerImpl LOG = new LoggerImpl(SrtpContexts.class.getName());

    static {
        // Left alone, Jitsi's Aes benchmarks every cipher provider it can find (OpenSSL through JNA among them) on
        // first use: seconds on a busy node, inside the first viewer's start. The JDK's AES-CTR uses the CPU's AES
        // instructions; it is the one we want.
        Aes.setFactoryClassName(Aes.class.getName() + "$SunJCECipherFactory");
    }

    private final SrtpContextFactory sender;
    private final SrtpContextFactory receiver;
    private final SrtpCryptoContext rtp;
    private final SrtcpCryptoContext rtcp;
    private final Map<Integer, SrtcpCryptoContext> remoteRtcp = new HashMap<>();
    private final Map<Integer, SrtpCryptoContext> remoteRtp = new HashMap<>();

    /**
     * @param material the DTLS-SRTP keying material (client key, server key, client salt, server salt)
     * @param ssrc     the SSRC this side sends
     */
    SrtpContexts(byte[] material, int ssrc) throws GeneralSecurityException {
        int k = DtlsSrtpServer.KEY_LENGTH;
        int s = DtlsSrtpServer.SALT_LENGTH;
        byte[] clientKey = Arrays.copyOfRange(material, 0, k);
        byte[] serverKey = Arrays.copyOfRange(material, k, 2 * k);
        byte[] clientSalt = Arrays.copyOfRange(material, 2 * k, 2 * k + s);
        byte[] serverSalt = Arrays.copyOfRange(material, 2 * k + s, 2 * (k + s));
        SrtpPolicy policy = new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, k, SrtpPolicy.HMACSHA1_AUTHENTICATION, 20,
                10, s);
        this.sender = new SrtpContextFactory(true, serverKey, serverSalt, policy, policy, LOG);
        this.receiver = new SrtpContextFactory(false, clientKey, clientSalt, policy, policy, LOG);
        this.rtp = sender.deriveContext(ssrc, 0);
        this.rtcp = sender.deriveControlContext(ssrc);
    }

    /** Encrypts and authenticates an RTP packet in place (its buffer must have room for the tag). */
    boolean protectRtp(SrtpPacket p) throws GeneralSecurityException {
        return rtp.transformPacket(p) == SrtpErrorStatus.OK;
    }

    boolean protectRtcp(SrtpPacket p) throws GeneralSecurityException {
        return rtcp.transformPacket(p) == SrtpErrorStatus.OK;
    }

    /** Checks and decrypts an SRTCP packet in place; false when it fails authentication or replays. */
    boolean unprotectRtcp(SrtpPacket p) throws GeneralSecurityException {
        if (p.getLength() < 8 + SrtpPacket.TRAILER) {
            return false;
        }
        byte[] b = p.getBuffer();
        int o = p.getOffset();
        int ssrc = (b[o + 4] & 0xff) << 24 | (b[o + 5] & 0xff) << 16 | (b[o + 6] & 0xff) << 8 | b[o + 7] & 0xff;
        SrtcpCryptoContext c = remoteRtcp.get(ssrc);
        if (c == null) {
            if (remoteRtcp.size() >= MAX_REMOTE_SSRCS) {
                return false;
            }
            c = receiver.deriveControlContext(ssrc);
            remoteRtcp.put(ssrc, c);
        }
        return c.reverseTransformPacket(p) == SrtpErrorStatus.OK;
    }

    /**
     * Checks and decrypts an SRTP packet from the peer in place (a WHIP publisher's media); false when it fails
     * authentication, replays, or comes from more senders than a peer may use.
     */
    boolean unprotectRtp(SrtpPacket p) throws GeneralSecurityException {
        if (p.getLength() < RTP_HEADER + SRTP_TAG) {
            return false;
        }
        byte[] b = p.getBuffer();
        int o = p.getOffset();
        int ssrc = (b[o + 8] & 0xff) << 24 | (b[o + 9] & 0xff) << 16 | (b[o + 10] & 0xff) << 8 | b[o + 11] & 0xff;
        SrtpCryptoContext c = remoteRtp.get(ssrc);
        if (c == null) {
            if (remoteRtp.size() >= MAX_REMOTE_SSRCS) {
                return false;
            }
            c = receiver.deriveContext(ssrc, 0);
            remoteRtp.put(ssrc, c);
        }
        return c.reverseTransformPacket(p, false) == SrtpErrorStatus.OK;
    }

    @Override
    public void close() {
        sender.close();
        receiver.close();
    }
}
