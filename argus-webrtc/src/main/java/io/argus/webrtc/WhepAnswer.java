package io.argus.webrtc;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * Writes the SDP answer to a WHEP offer (RFC 8829 §5.3, RFC 9725): ICE-lite with this session's credentials and the
 * port's host candidates, DTLS as the passive side (server) with the node's fingerprint, the chosen video format
 * sent only, RTCP multiplexed (RFC 5761) and the feedback the server answers (RFC 4585 NACK and PLI, RFC 5104 FIR).
 * Every other section is rejected (port 0) and left out of the bundle.
 */
final class WhepAnswer {

    private WhepAnswer() {
    }

    /**
     * @param videoIndex the offer's section that carries the video
     * @param ssrc       the SSRC the server sends
     */
    static String write(WhepOffer offer, int videoIndex, WhepCodec codec, String ufrag, String pwd,
                        String fingerprint, List<InetSocketAddress> candidates, long ssrc, long sessionId) {
        StringBuilder s = new StringBuilder(1024);
        WhepOffer.Media video = offer.media().get(videoIndex);
        String mid = video.mid() == null ? "0" : video.mid();
        line(s, "v=0");
        line(s, "o=- " + sessionId + " 2 IN IP4 127.0.0.1");
        line(s, "s=-");
        line(s, "t=0 0");
        line(s, "a=ice-lite");
        line(s, "a=group:BUNDLE " + mid);
        line(s, "a=msid-semantic: WMS argus");
        for (int i = 0; i < offer.media().size(); i++) {
            WhepOffer.Media m = offer.media().get(i);
            if (i != videoIndex) {
                rejected(s, m);
                continue;
            }
            line(s, "m=video 9 UDP/TLS/RTP/SAVPF " + codec.payloadType());
            line(s, "c=IN IP4 0.0.0.0");
            line(s, "a=mid:" + mid);
            line(s, "a=ice-ufrag:" + ufrag);
            line(s, "a=ice-pwd:" + pwd);
            line(s, "a=fingerprint:sha-256 " + fingerprint);
            line(s, "a=setup:passive");
            line(s, "a=sendonly");
            line(s, "a=rtcp-mux");
            line(s, "a=rtpmap:" + codec.payloadType() + " " + codec.rtpmap());
            if (codec.fmtp() != null && !codec.fmtp().isEmpty()) {
                line(s, "a=fmtp:" + codec.payloadType() + " " + codec.fmtp());
            }
            line(s, "a=rtcp-fb:" + codec.payloadType() + " nack");
            line(s, "a=rtcp-fb:" + codec.payloadType() + " nack pli");
            line(s, "a=rtcp-fb:" + codec.payloadType() + " ccm fir");
            line(s, "a=msid:argus video");
            line(s, "a=ssrc:" + ssrc + " cname:argus");
            line(s, "a=ssrc:" + ssrc + " msid:argus video");
            int foundation = 1;
            for (InetSocketAddress c : candidates) {
                line(s, "a=candidate:" + foundation + " 1 UDP " + priority(foundation) + " "
                        + c.getAddress().getHostAddress() + " " + c.getPort() + " typ host");
                foundation++;
            }
            line(s, "a=end-of-candidates");
        }
        return s.toString();
    }

    private static void rejected(StringBuilder s, WhepOffer.Media m) {
        String formats = m.payloadTypes().isEmpty() ? "0" : String.valueOf(m.payloadTypes().get(0));
        line(s, "m=" + m.kind() + " 0 " + (m.kind().equals("application") ? "UDP/DTLS/SCTP webrtc-datachannel"
                : "UDP/TLS/RTP/SAVPF " + formats));
        line(s, "c=IN IP4 0.0.0.0");
        if (m.mid() != null) {
            line(s, "a=mid:" + m.mid());
        }
        line(s, "a=inactive");
    }

    /** RFC 8445 §5.1.2.1 for host candidates: type preference 126, local preference falling with the order. */
    private static long priority(int foundation) {
        return (126L << 24) | ((65535L - foundation) << 8) | 255;
    }

    private static void line(StringBuilder s, String line) {
        s.append(line).append("\r\n");
    }
}
