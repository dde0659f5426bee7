package io.argus.media.rtsp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One transport specification of a Transport header (RFC 2326 §12.39), the part Argus uses: RTP over UDP
 * unicast with port pairs, or TCP-interleaved with a channel pair. A port or channel that is absent is -1.
 *
 * @param mode {@code PLAY}, {@code RECORD} or null (PLAY is the default)
 * @param ssrc the {@code ssrc} parameter as sent (hex), or null
 */
public record RtspTransport(boolean tcp, boolean multicast, int interleavedRtp, int interleavedRtcp,
                            int clientRtpPort, int clientRtcpPort, int serverRtpPort, int serverRtcpPort,
                            String mode, String ssrc) {

    public static RtspTransport tcp(int rtpChannel) {
        return new RtspTransport(true, false, rtpChannel, rtpChannel + 1, -1, -1, -1, -1, null, null);
    }

    public static RtspTransport udp(int clientRtpPort, int clientRtcpPort) {
        return new RtspTransport(false, false, -1, -1, clientRtpPort, clientRtcpPort, -1, -1, null, null);
    }

    public boolean isRecord() {
        return "RECORD".equalsIgnoreCase(mode);
    }

    public RtspTransport withMode(String newMode) {
        return new RtspTransport(tcp, multicast, interleavedRtp, interleavedRtcp, clientRtpPort, clientRtcpPort,
                serverRtpPort, serverRtcpPort, newMode, ssrc);
    }

    public RtspTransport withServerPorts(int rtp, int rtcp) {
        return new RtspTransport(tcp, multicast, interleavedRtp, interleavedRtcp, clientRtpPort, clientRtcpPort,
                rtp, rtcp, mode, ssrc);
    }

    public RtspTransport withSsrc(long value) {
        return new RtspTransport(tcp, multicast, interleavedRtp, interleavedRtcp, clientRtpPort, clientRtcpPort,
                serverRtpPort, serverRtcpPort, mode, String.format("%08X", value));
    }

    /** Every alternative the header offers, in order; alternatives that are not RTP are skipped. */
    public static List<RtspTransport> parseAll(String header) {
        List<RtspTransport> all = new ArrayList<>(2);
        if (header == null) {
            return all;
        }
        for (String spec : header.split(",")) {
            RtspTransport t = parse(spec);
            if (t != null) {
                all.add(t);
            }
        }
        return all;
    }

    /** One specification, or null if it is not RTP/AVP or has malformed numbers. */
    public static RtspTransport parse(String spec) {
        String[] parts = spec.strip().split(";");
        String proto = parts[0].strip().toUpperCase(Locale.ROOT);
        if (!proto.startsWith("RTP/AVP")) {
            return null;
        }
        boolean tcp = proto.endsWith("/TCP");
        boolean multicast = false;
        int[] il = {-1, -1};
        int[] cp = {-1, -1};
        int[] sp = {-1, -1};
        String mode = null;
        String ssrc = null;
        try {
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].strip();
                int eq = p.indexOf('=');
                String key = (eq < 0 ? p : p.substring(0, eq)).toLowerCase(Locale.ROOT);
                String val = eq < 0 ? "" : p.substring(eq + 1).strip();
                switch (key) {
                    case "multicast" -> multicast = true;
                    case "interleaved" -> il = range(val);
                    case "client_port" -> cp = range(val);
                    case "server_port" -> sp = range(val);
                    case "mode" -> mode = val.replace("\"", "").toUpperCase(Locale.ROOT);
                    case "ssrc" -> ssrc = val;
                    default -> {
                        // unicast, source, destination, ttl, … are not needed
                    }
                }
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return new RtspTransport(tcp, multicast, il[0], il[1], cp[0], cp[1], sp[0], sp[1], mode, ssrc);
    }

    private static int[] range(String v) {
        int dash = v.indexOf('-');
        int a = Integer.parseInt(dash < 0 ? v : v.substring(0, dash));
        int b = dash < 0 ? a + 1 : Integer.parseInt(v.substring(dash + 1));
        if (a < 0 || a > 65535 || b < 0 || b > 65535) {
            throw new NumberFormatException(v);
        }
        return new int[] {a, b};
    }

    /** The header value. */
    public String format() {
        StringBuilder sb = new StringBuilder(tcp ? "RTP/AVP/TCP" : "RTP/AVP");
        sb.append(multicast ? ";multicast" : ";unicast");
        if (interleavedRtp >= 0) {
            sb.append(";interleaved=").append(interleavedRtp).append('-').append(interleavedRtcp);
        }
        if (clientRtpPort >= 0) {
            sb.append(";client_port=").append(clientRtpPort).append('-').append(clientRtcpPort);
        }
        if (serverRtpPort >= 0) {
            sb.append(";server_port=").append(serverRtpPort).append('-').append(serverRtcpPort);
        }
        if (ssrc != null) {
            sb.append(";ssrc=").append(ssrc);
        }
        if (mode != null) {
            sb.append(";mode=").append(mode);
        }
        return sb.toString();
    }
}
