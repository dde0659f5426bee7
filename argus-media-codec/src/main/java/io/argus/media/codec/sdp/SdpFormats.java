package io.argus.media.codec.sdp;

import io.argus.media.codec.MediaFormat;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Maps an m= section to the {@link MediaFormat} Argus carries, from its rtpmap and fmtp: H.264 (RFC 6184 §8.1),
 * H.265 (RFC 7798 §7.1) and AAC as mpeg4-generic AAC-hbr (RFC 3640 §3.3.6). Everything else, and variants
 * the depacketizers do not implement (H.264 interleaved mode, H.265 DONL, AAC-lbr), is unsupported.
 */
final class SdpFormats {

    private SdpFormats() {
    }

    static SdpTrack track(int index, MediaDescription media) {
        SdpTrack first = null;
        for (RtpPayload p : media.payloads()) {
            SdpTrack t = map(index, media, p);
            if (t.supported()) {
                return t;
            }
            if (first == null) {
                first = t;
            }
        }
        return first != null ? first : new SdpTrack(index, media, -1, null, media.type() + " without RTP payload");
    }

    private static SdpTrack map(int index, MediaDescription media, RtpPayload p) {
        String enc = p.encodingUpper();
        String unsupported = null;
        MediaFormat format = null;
        switch (enc) {
            case "H264" -> {
                String mode = p.fmtp().getOrDefault("packetization-mode", "0");
                if (!mode.equals("0") && !mode.equals("1")) {
                    unsupported = "H264 (packetization-mode=" + mode + ")";
                } else {
                    format = h264(p);
                }
            }
            case "H265", "HEVC" -> {
                String don = p.fmtp().getOrDefault("sprop-max-don-diff", "0");
                format = don.equals("0") ? h265(p) : null;
                unsupported = format == null ? "H265 (sprop-max-don-diff=" + don + ")" : null;
            }
            case "MPEG4-GENERIC" -> {
                unsupported = aacProblem(p);
                format = unsupported == null ? aac(p) : null;
            }
            case "JPEG" -> unsupported = "MJPEG";
            default -> unsupported = enc;
        }
        if (format != null && p.clockRate() != format.clockRate()) {
            unsupported = enc + " (clock rate " + p.clockRate() + ")";
            format = null;
        }
        String name = format != null ? format.codec().name() : unsupported;
        return new SdpTrack(index, media, p.type(), format, name);
    }

    private static MediaFormat h264(RtpPayload p) {
        byte[] sps = null;
        byte[] pps = null;
        String sets = p.param("sprop-parameter-sets");
        if (sets != null) {
            for (String s : sets.split(",")) {
                byte[] nal = base64(s);
                int type = nal.length > 0 ? nal[0] & 0x1f : 0;
                if (type == 7 && sps == null) {
                    sps = nal;
                } else if (type == 8 && pps == null) {
                    pps = nal;
                }
            }
        }
        return new MediaFormat.H264(sps, pps);
    }

    private static MediaFormat h265(RtpPayload p) {
        return new MediaFormat.H265(first(p.param("sprop-vps")), first(p.param("sprop-sps")),
                first(p.param("sprop-pps")));
    }

    private static byte[] first(String list) {
        if (list == null) {
            return null;
        }
        int comma = list.indexOf(',');
        return base64(comma < 0 ? list : list.substring(0, comma));
    }

    /** Returns why the AAC variant is unsupported, or null. AAC-hbr fixes 13/3/3 bits (RFC 3640 §3.3.6). */
    private static String aacProblem(RtpPayload p) {
        String mode = p.fmtp().getOrDefault("mode", "").toLowerCase(Locale.ROOT);
        if (!mode.equals("aac-hbr")) {
            return "MPEG4-GENERIC (mode=" + (mode.isEmpty() ? "none" : mode) + ")";
        }
        if (!"13".equals(p.param("sizelength")) || !"3".equals(p.fmtp().getOrDefault("indexlength", "3"))
                || !"3".equals(p.fmtp().getOrDefault("indexdeltalength", "3"))) {
            return "MPEG4-GENERIC (sizelength=" + p.param("sizelength") + ")";
        }
        if (p.clockRate() <= 0) {
            return "MPEG4-GENERIC (no clock rate)";
        }
        return null;
    }

    private static MediaFormat aac(RtpPayload p) {
        byte[] asc = hex(p.fmtp().getOrDefault("config", ""));
        int channels = p.channels();
        if (channels == 0 && asc.length >= 2) {
            channels = AudioSpecificConfigs.channels(asc);
        }
        if (channels < 1 || channels > 8) {
            channels = 1;
        }
        return new MediaFormat.Aac(asc, p.clockRate(), channels);
    }

    /** Decodes base64, with or without padding; garbage decodes to nothing (parameter sets then come in band). */
    private static byte[] base64(String s) {
        try {
            return Base64.getDecoder().decode(s.strip());
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static byte[] hex(String s) {
        try {
            return HexFormat.of().parseHex(s.strip());
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
