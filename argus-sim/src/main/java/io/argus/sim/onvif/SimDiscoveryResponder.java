package io.argus.sim.onvif;

import io.argus.onvif.discovery.DiscoveryMessages;
import io.argus.onvif.soap.Soap;
import io.argus.onvif.xml.SafeXml;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers WS-Discovery probes for the simulated devices: one ProbeMatches per device, sent by unicast to the prober
 * (WS-Discovery 2005/04 §5.3). On the standard port it also joins the multicast group on every interface that
 * supports it, as a camera does; on any other port it answers unicast probes only (tests, several simulators).
 */
final class SimDiscoveryResponder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimDiscoveryResponder.class);
    private static final int MAX_DATAGRAM = 64 * 1024;
    /** WS-Discovery's APP_MAX_DELAY: answers are spread over this much time. */
    static final int APP_MAX_DELAY_MS = 500;
    private static final java.util.Random RANDOM = new java.util.Random();

    private final MulticastSocket socket;
    private final List<SimOnvifDevice> devices;
    private final SafeXml xml = SafeXml.standard();
    private final Thread thread;
    private final ScheduledExecutorService senders = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("sim-onvif-discovery-answers").factory());

    private SimDiscoveryResponder(MulticastSocket socket, List<SimOnvifDevice> devices) {
        this.socket = socket;
        this.devices = devices;
        this.thread = Thread.ofPlatform().daemon().name("sim-onvif-discovery").unstarted(this::run);
    }

    static SimDiscoveryResponder start(String host, int port, List<SimOnvifDevice> devices) throws IOException {
        MulticastSocket socket = new MulticastSocket(null);
        socket.setReuseAddress(true);
        boolean standard = port == OnvifSimConfig.STANDARD_DISCOVERY_PORT;
        socket.bind(new InetSocketAddress(standard ? "0.0.0.0" : host, port));
        if (standard) {
            joinEverywhere(socket);
        }
        SimDiscoveryResponder r = new SimDiscoveryResponder(socket, devices);
        r.thread.start();
        return r;
    }

    private static void joinEverywhere(MulticastSocket socket) throws SocketException {
        InetSocketAddress group = new InetSocketAddress("239.255.255.250", 0);
        for (NetworkInterface nif : NetworkInterface.networkInterfaces().toList()) {
            try {
                if (nif.isUp() && nif.supportsMulticast()) {
                    socket.joinGroup(group, nif);
                }
            } catch (IOException e) {
                LOG.debug("could not join the WS-Discovery group on {}: {}", nif.getName(), e.getMessage());
            }
        }
    }

    int port() {
        return socket.getLocalPort();
    }

    private void run() {
        byte[] buf = new byte[MAX_DATAGRAM];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
                answer(Arrays.copyOf(p.getData(), p.getLength()), p.getAddress(), p.getPort());
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.debug("discovery receive failed: {}", e.getMessage());
                }
            } catch (RuntimeException e) {
                LOG.debug("ignored a datagram that is not a probe: {}", e.getMessage());
            }
        }
    }

    private void answer(byte[] datagram, InetAddress from, int port) throws IOException {
        Soap.Message m = Soap.read(xml, datagram);
        if (!m.payload().localName().equals("Probe")) {
            return;
        }
        String types = m.payload().textAt("Types");
        if (!types.isEmpty() && !types.contains("NetworkVideoTransmitter") && !types.contains("Device")) {
            return;
        }
        String relatesTo = m.header().map(h -> h.textAt("MessageID")).orElse("");
        for (SimOnvifDevice d : devices) {
            byte[] out = DiscoveryMessages.probeMatches("urn:uuid:" + UUID.randomUUID(), relatesTo, d.endpoint(),
                    d.deviceService(), d.scopes()).getBytes(StandardCharsets.UTF_8);
            // WS-Discovery 2005/04 §5.3 / ONVIF Core §7.3: each device waits a random time up to APP_MAX_DELAY
            // before answering, so hundreds of answers do not arrive at the prober at once.
            senders.schedule(() -> send(out, from, port), RANDOM.nextInt(APP_MAX_DELAY_MS), TimeUnit.MILLISECONDS);
        }
    }

    private void send(byte[] out, InetAddress to, int port) {
        try {
            socket.send(new DatagramPacket(out, out.length, to, port));
        } catch (IOException e) {
            LOG.debug("could not answer a probe from {}: {}", to, e.getMessage());
        }
    }

    @Override
    public void close() {
        senders.shutdownNow();
        socket.close();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
