package io.argus.server.browser;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UDP proxy between a WebRTC viewer and the node's muxed port that drops a share of the RTP packets going to the
 * viewer (its RTCP, STUN and DTLS, and everything the viewer sends, pass): loss the node cannot see coming, on the
 * wire, as a lossy network makes it. One upstream socket per viewer address, so the node sees one peer per viewer.
 */
final class LossyUdpProxy implements AutoCloseable {
    private static final int MAX_DATAGRAM = 2048;
    /** A viewer's first GOP comes as a burst of hundreds of packets: room for it, so the proxy adds no loss. */
    private static final int SOCKET_BUFFER = 4 << 20;

    private final DatagramSocket front;
    private final InetSocketAddress target;
    private final double loss;
    private final Random random;
    private final Map<SocketAddress, DatagramSocket> upstreams = new ConcurrentHashMap<>();
    private final AtomicLong rtp = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;

    /**
     * Listens on {@code address} (an ephemeral port) and forwards to {@code target}, dropping {@code loss} (0–1) of
     * the RTP packets that come back, chosen by a random generator seeded with {@code seed}.
     */
    LossyUdpProxy(InetAddress address, InetSocketAddress target, double loss, long seed) throws SocketException {
        this.front = new DatagramSocket(new InetSocketAddress(address, 0));
        front.setReceiveBufferSize(SOCKET_BUFFER);
        front.setSendBufferSize(SOCKET_BUFFER);
        this.target = target;
        this.loss = loss;
        this.random = new Random(seed);
        Thread.ofPlatform().daemon().name("lossy-proxy-front").start(this::fromViewers);
    }

    /** Where viewers send: the candidate to put in the answer, as {@code ip:port}. */
    String address() {
        return front.getLocalAddress().getHostAddress() + ":" + front.getLocalPort();
    }

    /** RTP packets the node sent to viewers, dropped ones included. */
    long rtpPackets() {
        return rtp.get();
    }

    long dropped() {
        return dropped.get();
    }

    private void fromViewers() {
        byte[] buf = new byte[MAX_DATAGRAM];
        while (!closed) {
            DatagramPacket d = new DatagramPacket(buf, buf.length);
            try {
                front.receive(d);
                SocketAddress viewer = d.getSocketAddress();
                DatagramSocket up = upstreams.computeIfAbsent(viewer, this::open);
                up.send(new DatagramPacket(d.getData(), d.getOffset(), d.getLength(), target));
            } catch (IOException e) {
                if (!closed) {
                    throw new IllegalStateException("proxy front socket failed", e);
                }
            }
        }
    }

    private DatagramSocket open(SocketAddress viewer) {
        try {
            DatagramSocket up = new DatagramSocket(new InetSocketAddress(front.getLocalAddress(), 0));
            up.setReceiveBufferSize(SOCKET_BUFFER);
            Thread.ofPlatform().daemon().name("lossy-proxy-" + viewer).start(() -> toViewer(up, viewer));
            return up;
        } catch (SocketException e) {
            throw new IllegalStateException(e);
        }
    }

    private void toViewer(DatagramSocket up, SocketAddress viewer) {
        byte[] buf = new byte[MAX_DATAGRAM];
        while (!closed) {
            DatagramPacket d = new DatagramPacket(buf, buf.length);
            try {
                up.receive(d);
                if (isRtp(d)) {
                    rtp.incrementAndGet();
                    if (random.nextDouble() < loss) {
                        dropped.incrementAndGet();
                        continue;
                    }
                }
                front.send(new DatagramPacket(d.getData(), d.getOffset(), d.getLength(), viewer));
            } catch (IOException e) {
                if (!closed) {
                    throw new IllegalStateException("proxy upstream socket failed", e);
                }
            }
        }
    }

    /** RFC 7983: first byte 128–191 is RTP or RTCP; RFC 5761 §4: RTCP's packet types are 192–223. */
    private static boolean isRtp(DatagramPacket d) {
        byte[] b = d.getData();
        int first = b[d.getOffset()] & 0xff;
        int type = d.getLength() > 1 ? b[d.getOffset() + 1] & 0xff : 0;
        return first >= 128 && first <= 191 && (type < 192 || type > 223);
    }

    @Override
    public void close() {
        closed = true;
        front.close();
        upstreams.values().forEach(DatagramSocket::close);
    }
}
