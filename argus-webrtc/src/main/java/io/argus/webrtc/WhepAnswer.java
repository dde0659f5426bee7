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
        SdpAnswer.session(s, sessionId, mid);
        SdpAnswer.line(s, "a=msid-semantic: WMS argus");
        for (int i = 0; i < offer.media().size(); i++) {
            if (i != videoIndex) {
                SdpAnswer.rejected(s, offer.media().get(i));
                continue;
            }
            SdpAnswer.media(s, "video", mid, ufrag, pwd, fingerprint, "sendonly", codec.payloadType(), codec.rtpmap(),
                    codec.fmtp());
            SdpAnswer.feedback(s, codec.payloadType());
            SdpAnswer.line(s, "a=msid:argus video");
            SdpAnswer.line(s, "a=ssrc:" + ssrc + " cname:argus");
            SdpAnswer.line(s, "a=ssrc:" + ssrc + " msid:argus video");
            SdpAnswer.candidates(s, candidates);
        }
        return s.toString();
    }
}
