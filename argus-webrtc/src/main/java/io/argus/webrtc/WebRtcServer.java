package io.argus.webrtc;

import io.argus.media.path.Path;
import io.argus.media.stream.Stream;
import io.argus.media.transport.NettyTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebRTC port: one UDP port, bound once per host address (so every answer leaves from the address the viewer
 * sent to, loopback included), shared by every viewer; ICE-lite (RFC 8445 §2.5) answers the viewers' checks, so
 * the server needs no STUN or TURN of its own and one firewall rule opens it. Sessions are found by the ufrag of
 * a STUN request, then by the address ICE checked.
 */
public final class WebRtcServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebRtcServer.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** RFC 7675 §5.1: consent expires 30 s after the last successful check (browsers check every ~5 s). */
    static final long CONSENT_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** How long an answered offer may wait for its first ICE check: a browser sends it within a second. */
    static final long CONNECT_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(15);
    /** Addresses one session may be reached from (one per candidate pair a browser checks); more is a flood. */
    private static final int MAX_ROUTES = 4096;

    private final WebRtcServerConfig config;
    private final NettyTransport transport;
    private final DtlsCertificate certificate = DtlsCertificate.generate();
    private final WebRtcCounters counters = new WebRtcCounters();
    private final WhipCounters whipCounters = new WhipCounters();
    private final Map<String, WhepSession> byId = new ConcurrentHashMap<>();
    private final Map<String, WhipSession> publishers = new ConcurrentHashMap<>();
    private final Map<String, WebRtcPeer> byUfrag = new ConcurrentHashMap<>();
    private final Map<InetSocketAddress, WebRtcPeer> byAddress = new ConcurrentHashMap<>();
    private final List<Channel> channels = new ArrayList<>();
    private final List<InetSocketAddress> candidates = new ArrayList<>();
    private EventLoopGroup group;

    public WebRtcServer(WebRtcServerConfig config, NettyTransport transport) {
        this.config = config;
        this.transport = transport;
    }

    /** Binds the port on every host address (IPv4, loopback included). */
    public synchronized void start() {
        group = transport.newGroup(1, Thread.ofPlatform().name("argus-webrtc-", 0).daemon().factory());
        int port = config.port();
        try {
            for (InetAddress address : hostAddresses()) {
                Channel ch = new Bootstrap().group(group).channel(transport.datagramChannel())
                        .option(ChannelOption.SO_RCVBUF, 1 << 20).option(ChannelOption.SO_SNDBUF, 1 << 20)
                        .handler(new WebRtcPortHandler(this))
                        .bind(address, port).syncUninterruptibly().channel();
                InetSocketAddress bound = (InetSocketAddress) ch.localAddress();
                port = bound.getPort();
                channels.add(ch);
                candidates.add(bound);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        group.next().scheduleAtFixedRate(this::sweep, 1, 1, TimeUnit.SECONDS);
        WebRtcWarmup.start(certificate);
        LOG.info("WebRTC (WHEP) on udp port {} at {}", port, candidates);
    }

    private static List<InetAddress> hostAddresses() {
        List<InetAddress> out = new ArrayList<>();
        try {
            for (NetworkInterface nif : NetworkInterface.networkInterfaces().toList()) {
                if (!nif.isUp()) {
                    continue;
                }
                nif.inetAddresses().filter(a -> a instanceof Inet4Address).forEach(out::add);
            }
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
        out.sort((a, b) -> Boolean.compare(a.isLoopbackAddress(), b.isLoopbackAddress()));
        return out;
    }

    /** The port as bound (the configured one, or the one picked for port 0). */
    public int port() {
        return candidates.isEmpty() ? config.port() : candidates.get(0).getPort();
    }

    /** The host candidates answers carry: every bound address, loopback last. */
    public List<InetSocketAddress> candidates() {
        return List.copyOf(candidates);
    }

    public List<String> iceServers() {
        return config.iceServers();
    }

    /**
     * Answers a viewer's offer for {@code stream}: a new session waiting for ICE.
     *
     * @param owner what the session belongs to (the camera id), for {@link WhepSession#owner()}
     * @throws WhepException the offer is malformed or has nothing this camera can send
     */
    public WhepSession open(String owner, Stream stream, String offer) {
        WhepSession s = new WhepSession(this, HexFormat.of().formatHex(bytes(16)), owner, stream,
                WhepOffer.parse(offer));
        byId.put(s.id(), s);
        byUfrag.put(s.ufrag(), s);
        return s;
    }

    /**
     * Answers a publisher's offer (WHIP): a new session waiting for ICE, holding the path's publisher claim until it
     * ends.
     *
     * @param target the path to publish to, asked for once the offer is known to be good (it may create a camera)
     * @throws WhepException        the offer is malformed or has no H.264 video to send
     * @throws WhipRefusedException the path takes no publisher now
     */
    public WhipSession publish(Supplier<Path> target, String offer) {
        WhipSession s = WhipSession.open(this, HexFormat.of().formatHex(bytes(16)), WhepOffer.parse(offer), target);
        publishers.put(s.id(), s);
        whipCounters.publishers.increment();
        byUfrag.put(s.ufrag(), s);
        return s;
    }

    public Optional<WhipSession> publisher(String id) {
        return Optional.ofNullable(publishers.get(id));
    }

    public List<WhipSession> publishers() {
        return List.copyOf(publishers.values());
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    public Optional<WhepSession> session(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public List<WhepSession> sessions() {
        return List.copyOf(byId.values());
    }

    public WebRtcCounters counters() {
        return counters;
    }

    public WhipCounters whipCounters() {
        return whipCounters;
    }

    DtlsCertificate certificate() {
        return certificate;
    }

    void stun(Channel ch, InetSocketAddress sender, byte[] data) {
        StunMessage m = StunMessage.parse(data);
        WebRtcPeer s = m == null || m.localUfrag() == null ? null : byUfrag.get(m.localUfrag());
        if (s == null) {
            counters.badStun.increment();
            return;
        }
        s.stun(ch, sender, m);
    }

    void dtls(InetSocketAddress sender, byte[] data) {
        WebRtcPeer s = byAddress.get(sender);
        if (s == null) {
            counters.unknownSender.increment();
            return;
        }
        s.dtls(data);
    }

    void rtcp(InetSocketAddress sender, byte[] data) {
        WebRtcPeer s = byAddress.get(sender);
        if (s == null) {
            counters.unknownSender.increment();
            return;
        }
        s.rtcp(data);
    }

    /** ICE checked {@code sender} for {@code s}: DTLS and SRTCP from it go to that session. */
    void route(InetSocketAddress sender, WebRtcPeer s) {
        if (byAddress.size() < MAX_ROUTES || byAddress.containsKey(sender)) {
            byAddress.put(sender, s);
        }
    }

    /** The port can take writes again: every reader that stopped drains again. */
    void resume() {
        for (WhepSession s : byId.values()) {
            s.resume();
        }
    }

    void remove(WebRtcPeer s) {
        byId.remove(s.id(), s);
        publishers.remove(s.id(), s);
        byUfrag.remove(s.ufrag());
        byAddress.values().removeIf(v -> v == s);
    }

    /** Ends sessions that never connected, and those whose viewer stopped answering (lost consent). */
    private void sweep() {
        long now = System.nanoTime();
        for (WebRtcPeer s : byUfrag.values()) {
            if (!s.connected() && now - s.createdNanos() > CONNECT_TIMEOUT_NANOS) {
                s.close("no ICE check within " + TimeUnit.NANOSECONDS.toSeconds(CONNECT_TIMEOUT_NANOS) + " s");
            } else if (s.connected() && now - s.lastConsentNanos() > CONSENT_TIMEOUT_NANOS) {
                s.close("consent expired (no STUN check for 30 s)");
            }
        }
    }

    @Override
    public synchronized void close() {
        for (WebRtcPeer s : List.copyOf(byUfrag.values())) {
            s.close("the server is stopping");
        }
        for (Channel ch : channels) {
            ch.close().syncUninterruptibly();
        }
        channels.clear();
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            group = null;
        }
    }
}
