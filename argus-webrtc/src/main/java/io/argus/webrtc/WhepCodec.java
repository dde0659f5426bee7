package io.argus.webrtc;

import io.argus.media.codec.Codec;
import io.argus.media.codec.MediaFormat;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The payload format an answer picks from an offer's video section for the camera's codec: H.264 with
 * packetization-mode=1 (RFC 6184 §8.1: FU-A, which the packetizer uses for NAL units over one packet), preferring
 * the offered profile-level-id whose profile matches the camera's SPS; H.265 (RFC 7798) where the browser offers it.
 *
 * @param payloadType the offer's payload type, reused in the answer
 * @param rtpmap      {@code H264/90000} or {@code H265/90000}
 * @param fmtp        the offer's parameters for it, echoed; null when it had none
 */
record WhepCodec(Codec codec, int payloadType, String rtpmap, String fmtp) {

    static WhepCodec choose(WhepOffer.Media video, MediaFormat format) {
        return switch (format) {
            case MediaFormat.H264 h264 -> h264(video, h264);
            case MediaFormat.H265 ignored -> h265(video);
            case MediaFormat.Aac ignored -> throw new WhepException("the camera's stream has no video");
        };
    }

    private static WhepCodec h264(WhepOffer.Media video, MediaFormat.H264 format) {
        String want = format.hasParameterSets() && format.sps().length >= 4
                ? HexFormat.of().formatHex(format.sps(), 1, 2) : null;
        WhepCodec fallback = null;
        for (int pt : video.payloadTypes()) {
            String map = video.rtpmap().get(pt);
            String fmtp = video.fmtp().getOrDefault(pt, "");
            if (map == null || !map.toUpperCase(Locale.ROOT).startsWith("H264/90000")
                    || !fmtp.contains("packetization-mode=1")) {
                continue;
            }
            WhepCodec c = new WhepCodec(Codec.H264, pt, "H264/90000", fmtp);
            String profile = param(fmtp, "profile-level-id");
            if (want != null && profile != null && profile.length() == 6 && profile.substring(0, 2).equalsIgnoreCase(want)) {
                return c;
            }
            if (fallback == null) {
                fallback = c;
            }
        }
        if (fallback == null) {
            throw new WhepException("the offer has no H.264 with packetization-mode=1 for this camera's H.264 video");
        }
        return fallback;
    }

    private static WhepCodec h265(WhepOffer.Media video) {
        for (int pt : video.payloadTypes()) {
            String map = video.rtpmap().get(pt);
            if (map != null && map.toUpperCase(Locale.ROOT).startsWith("H265/90000")) {
                return new WhepCodec(Codec.H265, pt, "H265/90000", video.fmtp().get(pt));
            }
        }
        throw new WhepException("the camera sends H.265 and the offer has no H.265: this browser cannot play it over"
                + " WebRTC (use live.ws or live.m3u8)");
    }

    private static String param(String fmtp, String name) {
        for (String p : fmtp.split(";")) {
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).strip().equalsIgnoreCase(name)) {
                return p.substring(eq + 1).strip();
            }
        }
        return null;
    }
}
