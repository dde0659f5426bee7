package io.argus.sim;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reader that sees the RTP packets exactly as they arrive, which Argus's own RTSP client hides: DESCRIBE,
 * SETUP of track 0 (TCP-interleaved or UDP) and PLAY on blocking sockets, then each packet's bytes as received.
 * One RTP packet is one interleaved frame (RFC 2326 §10.12) or one datagram.
 */
final class RawRtspReader implements AutoCloseable {
    private static final Pattern SESSION = Pattern.compile("(?im)^Session:\\s*([^;\\r\\n]+)");

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final DatagramSocket rtp;
    private final DatagramSocket rtcp;
    private int cseq;
    private String describe;

    private RawRtspReader(Socket socket, DatagramSocket rtp, DatagramSocket rtcp) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.rtp = rtp;
        this.rtcp = rtcp;
    }

    /** Plays {@code url}'s track 0 over TCP ({@code udp} false) or UDP. */
    static RawRtspReader play(String url, int port, boolean udp) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout(10_000);
        DatagramSocket rtp = null;
        DatagramSocket rtcp = null;
        if (udp) {
            rtp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            rtcp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            rtp.setSoTimeout(10_000);
            rtp.setReceiveBufferSize(4 << 20);
        }
        RawRtspReader r = new RawRtspReader(s, rtp, rtcp);
        try {
            r.describe = r.request("DESCRIBE " + url + " RTSP/1.0\r\nAccept: application/sdp\r\n");
            String transport = udp
                    ? "RTP/AVP;unicast;client_port=" + rtp.getLocalPort() + "-" + rtcp.getLocalPort()
                    : "RTP/AVP/TCP;unicast;interleaved=0-1";
            String setup = r.request("SETUP " + url + "/trackID=0 RTSP/1.0\r\nTransport: " + transport + "\r\n");
            Matcher m = SESSION.matcher(setup);
            if (!m.find()) {
                throw new IOException("no session in: " + setup);
            }
            r.request("PLAY " + url + " RTSP/1.0\r\nSession: " + m.group(1).trim() + "\r\n");
            return r;
        } catch (IOException | RuntimeException e) {
            r.close();
            throw e;
        }
    }

    /** The answer to its DESCRIBE: header and SDP. */
    String describe() {
        return describe;
    }

    /** Sends a request, returns the response's header and body; fails unless it is 200 OK. */
    private String request(String head) throws IOException {
        out.write((head + "CSeq: " + ++cseq + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        while (!header.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            header.write(in.readUnsignedByte());
        }
        String text = header.toString(StandardCharsets.US_ASCII);
        Matcher length = Pattern.compile("(?im)^Content-Length:\\s*(\\d+)").matcher(text);
        if (length.find()) {
            text += new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.US_ASCII);
        }
        if (!text.startsWith("RTSP/1.0 200")) {
            throw new IOException("refused: " + text.lines().findFirst().orElse(""));
        }
        return text;
    }

    /** The next {@code n} RTP packets of track 0 as received (RTCP on channel 1 skipped). */
    List<byte[]> packets(int n) throws IOException {
        List<byte[]> packets = new ArrayList<>(n);
        byte[] buf = new byte[65_536];
        while (packets.size() < n) {
            if (rtp != null) {
                DatagramPacket d = new DatagramPacket(buf, buf.length);
                rtp.receive(d);
                packets.add(Arrays.copyOf(buf, d.getLength()));
                continue;
            }
            int magic = in.readUnsignedByte();
            if (magic != '$') {
                throw new IOException(String.format(Locale.ROOT, "expected an interleaved frame, got 0x%02x", magic));
            }
            int channel = in.readUnsignedByte();
            byte[] frame = in.readNBytes(in.readUnsignedShort());
            if (channel == 0) {
                packets.add(frame);
            }
        }
        return packets;
    }

    @Override
    public void close() throws IOException {
        socket.close();
        if (rtp != null) {
            rtp.close();
            rtcp.close();
        }
    }
}
