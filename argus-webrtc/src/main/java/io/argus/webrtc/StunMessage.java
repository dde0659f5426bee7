package io.argus.webrtc;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The STUN binding requests an ICE-lite agent answers (RFC 8489, RFC 8445 §7.3): parsed from a datagram, checked
 * against the local password (short-term credentials, MESSAGE-INTEGRITY), and answered with the sender's address
 * (XOR-MAPPED-ADDRESS), MESSAGE-INTEGRITY and FINGERPRINT. Anything else is not a request we answer: {@link #parse}
 * returns null, never throws, whatever the bytes.
 */
final class StunMessage {

    static final int HEADER_LENGTH = 20;
    static final int MAGIC_COOKIE = 0x2112A442;
    static final int BINDING_REQUEST = 0x0001;
    static final int BINDING_SUCCESS = 0x0101;
    static final int USERNAME = 0x0006;
    static final int MESSAGE_INTEGRITY = 0x0008;
    static final int XOR_MAPPED_ADDRESS = 0x0020;
    static final int USE_CANDIDATE = 0x0025;
    static final int FINGERPRINT = 0x8028;
    /** RFC 8489 §14.7: the FINGERPRINT value is the CRC-32 of the message XORed with this ("STUN"). */
    private static final int FINGERPRINT_XOR = 0x5354554e;
    private static final int HMAC_LENGTH = 20;

    private final byte[] message;
    private final byte[] transactionId;
    private final String username;
    /** Offset of the MESSAGE-INTEGRITY attribute's header, or -1. */
    private final int integrityAt;
    private final boolean useCandidate;

    private StunMessage(byte[] message, byte[] transactionId, String username, int integrityAt, boolean useCandidate) {
        this.message = message;
        this.transactionId = transactionId;
        this.username = username;
        this.integrityAt = integrityAt;
        this.useCandidate = useCandidate;
    }

    /** A binding request in {@code data}, or null when it is anything else or malformed. Borrows {@code data}. */
    static StunMessage parse(byte[] data) {
        if (data.length < HEADER_LENGTH || (data[0] & 0xc0) != 0) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(data);
        int type = b.getShort() & 0xffff;
        int length = b.getShort() & 0xffff;
        if (type != BINDING_REQUEST || b.getInt() != MAGIC_COOKIE || length != data.length - HEADER_LENGTH
                || length % 4 != 0) {
            return null;
        }
        byte[] tid = new byte[12];
        b.get(tid);
        String user = null;
        int integrity = -1;
        boolean use = false;
        while (b.remaining() >= 4) {
            int at = b.position();
            int attr = b.getShort() & 0xffff;
            int len = b.getShort() & 0xffff;
            int padded = (len + 3) & ~3;
            if (padded > b.remaining()) {
                return null;
            }
            if (attr == USERNAME && integrity < 0) {
                user = new String(data, b.position(), len, StandardCharsets.UTF_8);
            } else if (attr == MESSAGE_INTEGRITY && len == HMAC_LENGTH) {
                integrity = at;
            } else if (attr == USE_CANDIDATE) {
                use = true;
            }
            b.position(b.position() + padded);
        }
        return b.hasRemaining() ? null : new StunMessage(data, tid, user, integrity, use);
    }

    /** The local ufrag the request is for (USERNAME, {@code <local>:<remote>}, before the colon); null when absent. */
    String localUfrag() {
        if (username == null) {
            return null;
        }
        int colon = username.indexOf(':');
        return colon < 0 ? username : username.substring(0, colon);
    }

    boolean useCandidate() {
        return useCandidate;
    }

    /** Whether MESSAGE-INTEGRITY is present and was made with {@code password} (RFC 8489 §14.5). */
    boolean integrityValid(String password) {
        if (integrityAt < 0) {
            return false;
        }
        byte[] copy = Arrays.copyOf(message, integrityAt);
        // The length covers the message up to and including MESSAGE-INTEGRITY when the HMAC is computed.
        int length = integrityAt + 4 + HMAC_LENGTH - HEADER_LENGTH;
        copy[2] = (byte) (length >> 8);
        copy[3] = (byte) length;
        byte[] expected = hmac(password, copy, copy.length);
        byte[] actual = Arrays.copyOfRange(message, integrityAt + 4, integrityAt + 4 + HMAC_LENGTH);
        return MessageDigest.isEqual(expected, actual);
    }

    /** The success response to this request, telling the sender its address, signed with {@code password}. */
    byte[] success(InetSocketAddress sender, String password) {
        byte[] ip = sender.getAddress().getAddress();
        int addrAttr = 4 + 4 + ip.length;
        int total = HEADER_LENGTH + addrAttr + 4 + HMAC_LENGTH + 8;
        ByteBuffer b = ByteBuffer.allocate(total);
        b.putShort((short) BINDING_SUCCESS).putShort((short) 0).putInt(MAGIC_COOKIE).put(transactionId);
        b.putShort((short) XOR_MAPPED_ADDRESS).putShort((short) (4 + ip.length));
        b.put((byte) 0).put((byte) (ip.length == 4 ? 1 : 2));
        b.putShort((short) (sender.getPort() ^ (MAGIC_COOKIE >>> 16)));
        byte[] xorKey = ByteBuffer.allocate(16).putInt(MAGIC_COOKIE).put(transactionId).array();
        for (int i = 0; i < ip.length; i++) {
            b.put((byte) (ip[i] ^ xorKey[i]));
        }
        byte[] out = b.array();
        int integrityAt = b.position();
        setLength(out, integrityAt + 4 + HMAC_LENGTH - HEADER_LENGTH);
        byte[] mac = hmac(password, out, integrityAt);
        b.putShort((short) MESSAGE_INTEGRITY).putShort((short) HMAC_LENGTH).put(mac);
        int fingerprintAt = b.position();
        setLength(out, total - HEADER_LENGTH);
        CRC32 crc = new CRC32();
        crc.update(out, 0, fingerprintAt);
        b.putShort((short) FINGERPRINT).putShort((short) 4).putInt((int) crc.getValue() ^ FINGERPRINT_XOR);
        return out;
    }

    private static void setLength(byte[] message, int length) {
        message[2] = (byte) (length >> 8);
        message[3] = (byte) length;
    }

    private static byte[] hmac(String password, byte[] data, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(password.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            mac.update(data, 0, length);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HMAC-SHA1", e);
        }
    }
}
