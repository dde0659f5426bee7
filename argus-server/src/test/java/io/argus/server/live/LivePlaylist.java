package io.argus.server.live;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the tests read from an LL-HLS media playlist. */
record LivePlaylist(String text, long mediaSequence, List<Part> parts, List<String> segments, String map,
                    String hint) {
    private static final Pattern PART = Pattern.compile(
            "#EXT-X-PART:DURATION=([0-9.]+),URI=\"([^\"]+)\"(,INDEPENDENT=YES)?");
    private static final Pattern URI_ATTR = Pattern.compile("URI=\"([^\"]+)\"");

    record Part(long msn, int index, String uri, double duration, boolean independent) {
    }

    static LivePlaylist parse(String text) {
        long msn = 0;
        long first = 0;
        int index = 0;
        List<Part> parts = new ArrayList<>();
        List<String> segments = new ArrayList<>();
        String map = null;
        String hint = null;
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (l.startsWith("#EXT-X-MEDIA-SEQUENCE:")) {
                first = msn = Long.parseLong(l.substring(l.indexOf(':') + 1));
            } else if (l.startsWith("#EXT-X-PART:")) {
                Matcher m = PART.matcher(l);
                if (!m.matches()) {
                    throw new AssertionError("bad part line: " + l);
                }
                parts.add(new Part(msn, index++, m.group(2), Double.parseDouble(m.group(1)), m.group(3) != null));
            } else if (l.startsWith("#EXTINF:")) {
                segments.add(lines[++i]);
                msn++;
                index = 0;
            } else if (l.startsWith("#EXT-X-MAP:")) {
                map = attr(l);
            } else if (l.startsWith("#EXT-X-PRELOAD-HINT:")) {
                hint = attr(l);
            }
        }
        return new LivePlaylist(text, first, parts, segments, map, hint);
    }

    private static String attr(String line) {
        Matcher m = URI_ATTR.matcher(line);
        if (!m.find()) {
            throw new AssertionError("no URI in " + line);
        }
        return m.group(1);
    }

    Part lastPart() {
        return parts.get(parts.size() - 1);
    }
}
