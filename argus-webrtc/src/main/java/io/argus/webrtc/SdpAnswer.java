package io.argus.webrtc;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * The lines WHEP and WHIP answers share (RFC 8829 §5.3, RFC 9725): the session header of an ICE-lite, bundled
 * answer, an accepted media section's transport (this session's ICE credentials, DTLS as the passive side with the
 * node's fingerprint, RTCP multiplexed) and format, the feedback the node takes or sends, the port's host candidates,
 * and a rejected section (port 0, left out of the bundle).
 */
final class SdpAnswer {

    private SdpAnswer() {
    }

    /** The session part, up to and with the bundle of {@code mids}. */
    static void session(StringBuilder s, long sessionId, String mids) {
        line(s, "v=0");
        line(s, "o=- " + sessionId + " 2 IN IP4 127.0.0.1");
        line(s, "s=-");
        line(s, "t=0 0");
        line(s, "a=ice-lite");
        line(s, "a=group:BUNDLE " + mids);
    }

    /**
     * An accepted section's lines up to its format.
     *
     * @param direction {@code sendonly} or {@code recvonly}, from the node's side
     */
    static void media(StringBuilder s, String kind, String mid, String ufrag, String pwd, String fingerprint,
                      String direction, int pt, String rtpmap, String fmtp) {
        line(s, "m=" + kind + " 9 UDP/TLS/RTP/SAVPF " + pt);
        line(s, "c=IN IP4 0.0.0.0");
        line(s, "a=mid:" + mid);
        line(s, "a=ice-ufrag:" + ufrag);
        line(s, "a=ice-pwd:" + pwd);
        line(s, "a=fingerprint:sha-256 " + fingerprint);
        line(s, "a=setup:passive");
        line(s, "a=" + direction);
        line(s, "a=rtcp-mux");
        line(s, "a=rtpmap:" + pt + " " + rtpmap);
        if (fmtp != null && !fmtp.isEmpty()) {
            line(s, "a=fmtp:" + pt + " " + fmtp);
        }
    }

    /** RFC 4585 NACK and PLI, RFC 5104 FIR on video payload type {@code pt}. */
    static void feedback(StringBuilder s, int pt) {
        line(s, "a=rtcp-fb:" + pt + " nack");
        line(s, "a=rtcp-fb:" + pt + " nack pli");
        line(s, "a=rtcp-fb:" + pt + " ccm fir");
    }

    /** Every host candidate of the port, then the end of candidates: nothing is trickled. */
    static void candidates(StringBuilder s, List<InetSocketAddress> candidates) {
        int foundation = 1;
        for (InetSocketAddress c : candidates) {
            line(s, "a=candidate:" + foundation + " 1 UDP " + priority(foundation) + " "
                    + c.getAddress().getHostAddress() + " " + c.getPort() + " typ host");
            foundation++;
        }
        line(s, "a=end-of-candidates");
    }

    static void rejected(StringBuilder s, WhepOffer.Media m) {
        String formats = m.payloadTypes().isEmpty() ? "0" : String.valueOf(m.payloadTypes().get(0));
        line(s, "m=" + m.kind() + " 0 " + (m.kind().equals("application") ? "UDP/DTLS/SCTP webrtc-datachannel"
                : "UDP/TLS/RTP/SAVPF " + formats));
        line(s, "c=IN IP4 0.0.0.0");
        if (m.mid() != null) {
            line(s, "a=mid:" + m.mid());
        }
        line(s, "a=inactive");
    }

    static void line(StringBuilder s, String line) {
        s.append(line).append("\r\n");
    }

    /** RFC 8445 §5.1.2.1 for host candidates: type preference 126, local preference falling with the order. */
    private static long priority(int foundation) {
        return (126L << 24) | ((65535L - foundation) << 8) | 255;
    }
}
