package io.argus.media.rtsp;

/** Parses a start line and header lines (RFC 2326 §6, §7), including folded continuation lines. */
final class RtspHeadParser {

    private RtspHeadParser() {
    }

    /** {@code head} ends with the empty line. */
    static RtspMessage parse(String head) {
        String[] lines = head.split("\r?\n");
        if (lines.length == 0 || lines[0].isEmpty()) {
            throw new RtspProtocolException("empty RTSP start line");
        }
        if (lines.length > RtspDecoder.MAX_HEADER_LINES) {
            throw new RtspProtocolException("more than " + RtspDecoder.MAX_HEADER_LINES + " header lines");
        }
        RtspHeaders headers = new RtspHeaders();
        String name = null;
        StringBuilder value = new StringBuilder();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                break;
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                if (name == null) {
                    throw new RtspProtocolException("header continuation without a header");
                }
                if (!value.isEmpty()) {
                    value.append(' ');
                }
                value.append(line.strip());
                continue;
            }
            if (name != null) {
                headers.add(name, value.toString());
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new RtspProtocolException("malformed header line: " + abbreviate(line));
            }
            name = line.substring(0, colon).strip();
            value.setLength(0);
            value.append(line.substring(colon + 1).strip());
        }
        if (name != null) {
            headers.add(name, value.toString());
        }
        return startLine(lines[0], headers);
    }

    private static RtspMessage startLine(String line, RtspHeaders headers) {
        if (line.startsWith("RTSP/")) {
            int sp1 = line.indexOf(' ');
            String rest = sp1 < 0 ? "" : line.substring(sp1 + 1);
            int sp2 = rest.indexOf(' ');
            String code = sp2 < 0 ? rest : rest.substring(0, sp2);
            if (code.length() != 3 || !code.chars().allMatch(Character::isDigit)) {
                throw new RtspProtocolException("malformed status line: " + abbreviate(line));
            }
            return new RtspResponse(Integer.parseInt(code), sp2 < 0 ? "" : rest.substring(sp2 + 1).strip(),
                    headers, "");
        }
        String[] parts = line.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("RTSP/") || parts[1].isEmpty()
                || !parts[0].chars().allMatch(c -> (c >= 'A' && c <= 'Z') || c == '_')) {
            throw new RtspProtocolException("malformed request line: " + abbreviate(line));
        }
        return new RtspRequest(parts[0], parts[1], headers, "");
    }

    private static String abbreviate(String s) {
        String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() <= 60 ? printable : printable.substring(0, 60) + "…";
    }
}
