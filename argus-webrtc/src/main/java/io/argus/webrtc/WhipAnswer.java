package io.argus.webrtc;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the SDP answer to a WHIP offer (RFC 9725 §4.2, RFC 8829 §5.3): ICE-lite with this session's credentials
 * and the port's host candidates, DTLS as the passive side, the publisher's first video section received as H.264
 * (packetization-mode=1, RFC 6184 §8.1) with the feedback the server sends (RFC 4585 NACK and PLI), its first audio
 * section received as Opus (RFC 7587) so that a publisher that always sends audio (OBS) is not refused, and every
 * other section rejected (port 0) and left out of the bundle.
 */
final class WhipAnswer {

    /** Profiles a browser's software encoder sends best, in the order preferred: constrained baseline first. */
    private static final List<String> PREFERRED_PROFILES = List.of("42e0", "4200", "4d00", "6400");

    private WhipAnswer() {
    }

    /** What the offer's sections become: the video's payload type, the audio's (-1 when none). */
    record Choice(int videoSection, int videoPayloadType, String videoFmtp, int audioSection, int audioPayloadType) {
    }

    static Choice choose(WhepOffer offer) {
        int videoSection = -1;
        int videoPt = -1;
        String fmtp = null;
        int audioSection = -1;
        int audioPt = -1;
        for (int i = 0; i < offer.media().size(); i++) {
            WhepOffer.Media m = offer.media().get(i);
            boolean sends = m.direction().equals("sendonly") || m.direction().equals("sendrecv");
            if (!sends) {
                continue;
            }
            if (m.kind().equals("video") && videoSection < 0) {
                int pt = h264(m);
                if (pt >= 0) {
                    videoSection = i;
                    videoPt = pt;
                    fmtp = m.fmtp().get(pt);
                }
            } else if (m.kind().equals("audio") && audioSection < 0) {
                for (int pt : m.payloadTypes()) {
                    String map = m.rtpmap().get(pt);
                    if (map != null && map.toLowerCase(Locale.ROOT).startsWith("opus/48000")) {
                        audioSection = i;
                        audioPt = pt;
                        break;
                    }
                }
            }
        }
        if (videoSection < 0) {
            throw new WhepException("the offer sends no H.264 video with packetization-mode=1 (a=sendonly video with"
                    + " H264/90000); Argus takes H.264 from WHIP publishers");
        }
        return new Choice(videoSection, videoPt, fmtp, audioSection, audioPt);
    }

    /** The offered H.264 payload type to receive, by {@link #PREFERRED_PROFILES}; -1 for none. */
    private static int h264(WhepOffer.Media m) {
        int best = -1;
        int bestRank = Integer.MAX_VALUE;
        for (int pt : m.payloadTypes()) {
            String map = m.rtpmap().get(pt);
            String fmtp = m.fmtp().getOrDefault(pt, "");
            if (map == null || !map.toUpperCase(Locale.ROOT).startsWith("H264/90000")
                    || !fmtp.contains("packetization-mode=1")) {
                continue;
            }
            int at = fmtp.indexOf("profile-level-id=");
            String profile = at < 0 || fmtp.length() < at + 21 ? "" : fmtp.substring(at + 17, at + 21)
                    .toLowerCase(Locale.ROOT);
            int rank = PREFERRED_PROFILES.indexOf(profile);
            rank = rank < 0 ? PREFERRED_PROFILES.size() : rank;
            if (rank < bestRank) {
                best = pt;
                bestRank = rank;
            }
        }
        return best;
    }

    static String write(WhepOffer offer, Choice choice, String ufrag, String pwd, String fingerprint,
                        List<InetSocketAddress> candidates, long sessionId) {
        StringBuilder s = new StringBuilder(1536);
        List<String> bundle = new ArrayList<>();
        for (int i = 0; i < offer.media().size(); i++) {
            if (i == choice.videoSection() || i == choice.audioSection()) {
                bundle.add(mid(offer.media().get(i), i));
            }
        }
        SdpAnswer.session(s, sessionId, String.join(" ", bundle));
        for (int i = 0; i < offer.media().size(); i++) {
            WhepOffer.Media m = offer.media().get(i);
            if (i == choice.videoSection()) {
                SdpAnswer.media(s, "video", mid(m, i), ufrag, pwd, fingerprint, "recvonly", choice.videoPayloadType(),
                        "H264/90000", choice.videoFmtp());
                SdpAnswer.candidates(s, candidates);
                SdpAnswer.feedback(s, choice.videoPayloadType());
            } else if (i == choice.audioSection()) {
                int pt = choice.audioPayloadType();
                SdpAnswer.media(s, "audio", mid(m, i), ufrag, pwd, fingerprint, "recvonly", pt, m.rtpmap().get(pt),
                        m.fmtp().get(pt));
                SdpAnswer.candidates(s, candidates);
            } else {
                SdpAnswer.rejected(s, m);
            }
        }
        return s.toString();
    }

    private static String mid(WhepOffer.Media m, int index) {
        return m.mid() == null ? String.valueOf(index) : m.mid();
    }
}
