package io.argus.media.codec.sdp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses a session description (RFC 8866). Lenient where cameras are sloppy and it is harmless: LF or CRLF
 * line ends, blank lines, unknown line types and attributes, spaces around fmtp parameters, a trailing
 * {@code ;} after the last one (Axis, Hikvision), upper-case fmtp keys ({@code sizeLength}: Axis M-series).
 * Strict where a wrong guess would break media: m= lines, payload type numbers and rtpmap clock rates.
 */
public final class SdpParser {

    /** Most bytes accepted: the largest real descriptions (many tracks, H.265 parameter sets) are ~4 KiB. */
    public static final int MAX_LENGTH = 64 * 1024;

    /** Most m= sections: a camera offers a handful; thousands would only be an attack on memory. */
    public static final int MAX_MEDIA = 64;

    private SdpParser() {
    }

    public static SessionDescription parse(String text) throws SdpException {
        if (text == null || text.length() > MAX_LENGTH) {
            throw new SdpException("session description missing or larger than " + MAX_LENGTH + " bytes");
        }
        String[] lines = text.replace("\r", "").split("\n");
        String name = "";
        String sessionControl = null;
        List<MediaDescription> media = new ArrayList<>();
        MediaBuilder current = null;
        boolean versionSeen = false;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != '=') {
                throw new SdpException("not a session description line: " + abbreviate(line));
            }
            char kind = line.charAt(0);
            String value = line.substring(2);
            if (!versionSeen) {
                if (kind != 'v' || !value.strip().equals("0")) {
                    throw new SdpException("session description must start with v=0");
                }
                versionSeen = true;
                continue;
            }
            switch (kind) {
                case 's' -> name = current == null ? value : name;
                case 'm' -> {
                    if (current != null) {
                        media.add(current.build());
                    }
                    if (media.size() >= MAX_MEDIA) {
                        throw new SdpException("more than " + MAX_MEDIA + " media sections");
                    }
                    current = MediaBuilder.parse(value);
                }
                case 'a' -> {
                    if (current != null) {
                        current.attribute(value);
                    } else if (value.startsWith("control:")) {
                        sessionControl = value.substring(8).strip();
                    }
                }
                default -> {
                    // other line types (o, c, b, t, i, e, k …) carry nothing Argus needs
                }
            }
        }
        if (!versionSeen) {
            throw new SdpException("empty session description");
        }
        if (current != null) {
            media.add(current.build());
        }
        return new SessionDescription(name, sessionControl, media);
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    private static final class MediaBuilder {
        private final String type;
        private final int port;
        private final String protocol;
        private final List<Integer> types;
        private final Map<Integer, RtpPayload> rtpmaps = new HashMap<>();
        private final Map<Integer, Map<String, String>> fmtps = new HashMap<>();
        private String control;
        private String direction;

        private MediaBuilder(String type, int port, String protocol, List<Integer> types) {
            this.type = type;
            this.port = port;
            this.protocol = protocol;
            this.types = types;
        }

        static MediaBuilder parse(String value) throws SdpException {
            String[] f = value.strip().split("\\s+");
            if (f.length < 3) {
                throw new SdpException("media line needs type, port and protocol: m=" + abbreviate(value));
            }
            String portField = f[1];
            int slash = portField.indexOf('/');
            int port = parseInt(slash < 0 ? portField : portField.substring(0, slash), 0, 65535, "media port");
            boolean rtp = f[2].toUpperCase(Locale.ROOT).startsWith("RTP/");
            List<Integer> types = new ArrayList<>();
            for (int i = 3; i < f.length && rtp; i++) {
                types.add(parseInt(f[i], 0, 127, "payload type"));
            }
            return new MediaBuilder(f[0].toLowerCase(Locale.ROOT), port, f[2], types);
        }

        void attribute(String value) throws SdpException {
            int colon = value.indexOf(':');
            String key = (colon < 0 ? value : value.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
            String arg = colon < 0 ? "" : value.substring(colon + 1).strip();
            switch (key) {
                case "control" -> control = arg;
                case "rtpmap" -> rtpmap(arg);
                case "fmtp" -> fmtp(arg);
                case "sendrecv", "recvonly", "sendonly", "inactive" -> direction = key;
                default -> {
                    // vendor attributes (x-dimensions, framerate, Media_header …) are not needed
                }
            }
        }

        private void rtpmap(String arg) throws SdpException {
            String[] pf = arg.split("\\s+", 2);
            int pt = parseInt(pf[0], 0, 127, "rtpmap payload type");
            if (pf.length < 2) {
                throw new SdpException("rtpmap without encoding: " + abbreviate(arg));
            }
            String[] enc = pf[1].strip().split("/");
            int clock = enc.length > 1 ? parseInt(enc[1].strip(), 1, 10_000_000, "clock rate") : 0;
            int channels = enc.length > 2 ? parseInt(enc[2].strip(), 1, 255, "channel count") : 0;
            rtpmaps.put(pt, new RtpPayload(pt, enc[0].strip(), clock, channels, Map.of()));
        }

        private void fmtp(String arg) throws SdpException {
            String[] pf = arg.split("\\s+", 2);
            int pt = parseInt(pf[0], 0, 127, "fmtp payload type");
            Map<String, String> params = new LinkedHashMap<>();
            if (pf.length > 1) {
                for (String p : pf[1].split(";")) {
                    String param = p.strip();
                    int eq = param.indexOf('=');
                    if (!param.isEmpty()) {
                        String k = (eq < 0 ? param : param.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
                        params.put(k, eq < 0 ? "" : param.substring(eq + 1).strip());
                    }
                }
            }
            fmtps.put(pt, params);
        }

        MediaDescription build() {
            List<RtpPayload> payloads = new ArrayList<>(types.size());
            for (int pt : types) {
                RtpPayload base = rtpmaps.getOrDefault(pt, RtpPayload.ofStatic(pt));
                payloads.add(new RtpPayload(pt, base.encoding(), base.clockRate(), base.channels(),
                        fmtps.getOrDefault(pt, Map.of())));
            }
            return new MediaDescription(type, port, protocol, payloads, control, direction);
        }
    }

    private static int parseInt(String s, int min, int max, String what) throws SdpException {
        try {
            int v = Integer.parseInt(s);
            if (v < min || v > max) {
                throw new SdpException(what + " out of range: " + abbreviate(s));
            }
            return v;
        } catch (NumberFormatException e) {
            throw new SdpException(what + " is not a number: " + abbreviate(s));
        }
    }
}
