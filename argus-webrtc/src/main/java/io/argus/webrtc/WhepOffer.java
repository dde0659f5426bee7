package io.argus.webrtc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an answer needs from a viewer's SDP offer (RFC 8866, as WebRTC writes it, RFC 8829): ICE credentials, the
 * DTLS fingerprint and role, and each media section's payload formats. Session-level values apply to every section
 * that does not repeat them (browsers write them per section; some clients at session level).
 */
record WhepOffer(String iceUfrag, String icePwd, String fingerprintAlgorithm, String fingerprint, String setup,
                 List<Media> media) {

    /** Largest offer accepted: a browser's is 3–6 KB; this leaves room for many codecs without holding megabytes. */
    static final int MAX_LENGTH = 64 * 1024;

    /** One {@code m=} section. {@code rtpmap}: payload type to {@code name/clock[/channels]}; {@code fmtp}: its parameters. */
    record Media(String kind, String mid, String direction, List<Integer> payloadTypes, Map<Integer, String> rtpmap,
                 Map<Integer, String> fmtp) {
    }

    static WhepOffer parse(String sdp) {
        if (sdp == null || sdp.isBlank()) {
            throw new WhepException("the body must be an SDP offer (Content-Type: application/sdp)");
        }
        if (sdp.length() > MAX_LENGTH) {
            throw new WhepException("the SDP offer is larger than " + MAX_LENGTH + " bytes");
        }
        Map<String, String> session = new LinkedHashMap<>();
        List<Map<String, String>> sectionAttrs = new ArrayList<>();
        List<Media> media = new ArrayList<>();
        MediaBuilder current = null;
        for (String raw : sdp.split("\r?\n")) {
            String line = raw.strip();
            if (line.length() < 2 || line.charAt(1) != '=') {
                continue;
            }
            char type = line.charAt(0);
            String value = line.substring(2);
            if (type == 'm') {
                if (current != null) {
                    media.add(current.build());
                }
                current = new MediaBuilder(value);
                sectionAttrs.add(current.attrs);
            } else if (type == 'a') {
                Map<String, String> attrs = current == null ? session : current.attrs;
                int colon = value.indexOf(':');
                String name = colon < 0 ? value : value.substring(0, colon);
                String arg = colon < 0 ? "" : value.substring(colon + 1);
                if (current != null && (name.equals("rtpmap") || name.equals("fmtp"))) {
                    current.format(name, arg);
                } else {
                    attrs.putIfAbsent(name, arg);
                }
            }
        }
        if (current != null) {
            media.add(current.build());
        }
        if (media.isEmpty()) {
            throw new WhepException("the SDP offer has no media section");
        }
        Map<String, String> first = sectionAttrs.get(0);
        String ufrag = pick("ice-ufrag", first, session);
        String pwd = pick("ice-pwd", first, session);
        String fp = pick("fingerprint", first, session);
        String setup = pick("setup", first, session);
        if (ufrag == null || pwd == null) {
            throw new WhepException("the SDP offer has no ICE credentials (a=ice-ufrag, a=ice-pwd)");
        }
        if (fp == null || fp.indexOf(' ') < 0) {
            throw new WhepException("the SDP offer has no DTLS fingerprint (a=fingerprint)");
        }
        int space = fp.indexOf(' ');
        return new WhepOffer(ufrag, pwd, fp.substring(0, space).toLowerCase(Locale.ROOT), fp.substring(space + 1).strip(),
                setup == null ? "actpass" : setup, List.copyOf(media));
    }

    private static String pick(String name, Map<String, String> media, Map<String, String> session) {
        String v = media.get(name);
        return v != null ? v : session.get(name);
    }

    private static final class MediaBuilder {
        final Map<String, String> attrs = new LinkedHashMap<>();
        final String kind;
        final List<Integer> payloadTypes = new ArrayList<>();
        final Map<Integer, String> rtpmap = new LinkedHashMap<>();
        final Map<Integer, String> fmtp = new LinkedHashMap<>();

        MediaBuilder(String mLine) {
            String[] parts = mLine.split(" ");
            if (parts.length < 4) {
                throw new WhepException("malformed m= line: " + mLine);
            }
            kind = parts[0];
            for (int i = 3; i < parts.length; i++) {
                Integer pt = payloadType(parts[i]);
                if (pt != null) {
                    payloadTypes.add(pt);
                }
            }
        }

        void format(String name, String arg) {
            int space = arg.indexOf(' ');
            Integer pt = payloadType(space < 0 ? arg : arg.substring(0, space));
            if (pt != null && space > 0) {
                (name.equals("rtpmap") ? rtpmap : fmtp).put(pt, arg.substring(space + 1).strip());
            }
        }

        Media build() {
            String direction = attrs.containsKey("recvonly") ? "recvonly" : attrs.containsKey("sendonly") ? "sendonly"
                    : attrs.containsKey("inactive") ? "inactive" : "sendrecv";
            return new Media(kind, attrs.get("mid"), direction, List.copyOf(payloadTypes), Map.copyOf(rtpmap),
                    Map.copyOf(fmtp));
        }

        private static Integer payloadType(String s) {
            try {
                int v = Integer.parseInt(s);
                return v >= 0 && v <= 127 ? v : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
