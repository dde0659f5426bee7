package io.argus.webrtc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Binding requests as a browser's ICE agent sends them (RFC 8445 §7.2.2), for tests. */
final class StunRequests {
    private StunRequests() {
    }

    /** A binding request with USERNAME {@code user}, USE-CANDIDATE, and MESSAGE-INTEGRITY keyed with {@code pwd}. */
    static byte[] binding(String user, String pwd, Random random) throws Exception {
        byte[] name = user.getBytes(StandardCharsets.UTF_8);
        int userAttr = 4 + ((name.length + 3) & ~3);
        int length = userAttr + 4 + 4 + 20;
        ByteBuffer b = ByteBuffer.allocate(20 + length);
        byte[] tid = new byte[12];
        random.nextBytes(tid);
        b.putShort((short) 1).putShort((short) length).putInt(StunMessage.MAGIC_COOKIE).put(tid);
        b.putShort((short) StunMessage.USERNAME).putShort((short) name.length).put(name);
        b.position(20 + userAttr);
        b.putShort((short) StunMessage.USE_CANDIDATE).putShort((short) 0);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(pwd.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        mac.update(b.array(), 0, b.position());
        b.putShort((short) StunMessage.MESSAGE_INTEGRITY).putShort((short) 20).put(mac.doFinal());
        return b.array();
    }

    /** The {@code a=name:value} of an SDP. */
    static String attribute(String sdp, String name) {
        for (String line : sdp.split("\r\n")) {
            if (line.startsWith("a=" + name + ":")) {
                return line.substring(name.length() + 3);
            }
        }
        throw new AssertionError("no a=" + name + " in " + sdp);
    }

    /** A receive-only offer as Chrome writes it for one video transceiver (H.264 and VP8), with this fingerprint. */
    static String offer(String ufrag, String pwd, String fingerprint) {
        return String.join("\r\n",
                "v=0", "o=- 4611731400430051336 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=group:BUNDLE 0",
                "a=extmap-allow-mixed", "a=msid-semantic: WMS",
                "m=video 9 UDP/TLS/RTP/SAVPF 96 102 103", "c=IN IP4 0.0.0.0", "a=rtcp:9 IN IP4 0.0.0.0",
                "a=ice-ufrag:" + ufrag, "a=ice-pwd:" + pwd, "a=ice-options:trickle",
                "a=fingerprint:sha-256 " + fingerprint, "a=setup:actpass", "a=mid:0", "a=recvonly", "a=rtcp-mux",
                "a=rtcp-rsize", "a=rtpmap:96 VP8/90000", "a=rtcp-fb:96 nack",
                "a=rtpmap:102 H264/90000", "a=rtcp-fb:102 nack", "a=rtcp-fb:102 nack pli",
                "a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42001f",
                "a=rtpmap:103 H264/90000", "a=rtcp-fb:103 nack", "a=rtcp-fb:103 nack pli",
                "a=fmtp:103 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f", "") ;
    }
}
