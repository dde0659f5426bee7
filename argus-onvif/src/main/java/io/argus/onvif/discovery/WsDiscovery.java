package io.argus.onvif.discovery;

import io.argus.onvif.soap.Soap;
import io.argus.onvif.xml.SafeXml;
import io.argus.onvif.xml.XmlElement;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a WS-Discovery Probe and collects the ProbeMatches that arrive within a window (ONVIF Core §7.3: devices
 * answer by unicast to the probe's source within {@code APP_MAX_DELAY}, 500 ms). Answers that are not ours (another
 * RelatesTo) or not XML are skipped; the same endpoint answering twice counts once.
 */
public final class WsDiscovery {
    /** The WS-Discovery multicast group and port (WS-Discovery 2005/04 §2.4). */
    public static final InetSocketAddress MULTICAST = new InetSocketAddress("239.255.255.250", 3702);
    private static final Logger LOG = LoggerFactory.getLogger(WsDiscovery.class);
    /** A ProbeMatches is one device's description, a few KB; a larger datagram is not one. */
    private static final int MAX_DATAGRAM = 64 * 1024;
    /** 4 MiB: two answers (the probe is repeated) of a thousand devices of about 1.5 KB; the kernel may cap it. */
    static final int RECEIVE_BUFFER = 4 << 20;

    private final SafeXml xml = SafeXml.standard();

    private record Answer(byte[] datagram, InetSocketAddress from) {
    }

    /** Probes {@code target} (the multicast group, or one device's address) and collects answers for {@code window}. */
    public List<ProbeMatch> probe(InetSocketAddress target, Duration window) throws IOException {
        String id = "urn:uuid:" + UUID.randomUUID();
        byte[] probe = DiscoveryMessages.probe(id).getBytes(StandardCharsets.UTF_8);
        List<Answer> received = new ArrayList<>();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(
                target.getAddress().isLoopbackAddress() ? "127.0.0.1" : "0.0.0.0"), 0))) {
            // Hundreds of devices answer within the same half second: room for their answers in the socket, and
            // nothing but receiving until the window ends (parsing waits), so none is dropped for want of reading.
            socket.setReceiveBufferSize(RECEIVE_BUFFER);
            socket.send(new DatagramPacket(probe, probe.length, target));
            // SOAP-over-UDP §3.4: a datagram may be lost, so it is sent again (same MessageID; answers to both
            // count once, by endpoint).
            socket.send(new DatagramPacket(probe, probe.length, target));
            long deadline = System.nanoTime() + window.toNanos();
            byte[] buf = new byte[MAX_DATAGRAM];
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    break;
                }
                socket.setSoTimeout((int) Math.max(1, left));
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(p);
                } catch (SocketTimeoutException e) {
                    break;
                }
                received.add(new Answer(Arrays.copyOf(p.getData(), p.getLength()),
                        (InetSocketAddress) p.getSocketAddress()));
            }
        }
        Map<String, ProbeMatch> found = new LinkedHashMap<>();
        for (Answer a : received) {
            for (ProbeMatch m : read(a.datagram(), id, a.from())) {
                found.putIfAbsent(m.endpoint().isEmpty() ? m.xaddrs().toString() : m.endpoint(), m);
            }
        }
        return new ArrayList<>(found.values());
    }

    private List<ProbeMatch> read(byte[] datagram, String id, InetSocketAddress from) {
        try {
            Soap.Message m = Soap.read(xml, datagram);
            String relates = m.header().flatMap(h -> h.optText("RelatesTo")).orElse("");
            XmlElement body = m.payload();
            if (!body.localName().equals("ProbeMatches") || !relates.equals(id)) {
                return List.of();
            }
            return ProbeMatch.parse(body, from);
        } catch (RuntimeException e) {
            // Not XML, not SOAP, or a fault (SoapFault, XmlException): another sender on the port, not a device.
            LOG.debug("skipped a discovery answer from {}: {}", from, e.getMessage());
            return List.of();
        }
    }
}
