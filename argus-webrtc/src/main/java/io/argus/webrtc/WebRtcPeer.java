package io.argus.webrtc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * What the muxed port routes datagrams to: a WHEP viewer ({@link WhepSession}) or a WHIP publisher
 * ({@link WhipSession}). Found by the ufrag of a STUN request, then by the address ICE checked; swept by
 * {@link WebRtcServer} when it never connects or loses consent.
 *
 * <p>Both sides of a peer are the same up to SRTP: ICE-lite credentials answering binding requests, the address ICE
 * selected, the DTLS handshake as the server (on a virtual thread: the engine blocks) and the SRTP contexts from its
 * keys, and the close path. What a session does with media once keyed ({@link #secured()}) and what it lets go when
 * it ends ({@link #release(String)}) is its own.
 */
abstract class WebRtcPeer {
    static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ICE_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    /**
     * How a kind of peer names itself in logs and threads.
     *
     * @param name     "WHEP viewer" or "WHIP publisher"
     * @param endLevel the level its end is logged at
     */
    record Role(String name, String threadPrefix, Logger log, Level endLevel) {
    }

    final WebRtcServer server;
    private final Role role;
    private final String id;
    private final String owner;
    private final String cameraName;
    private final WhepOffer offer;
    final String ufrag = random(8);
    final String pwd = random(24);
    /** The SSRC this side sends (media or RTCP). */
    final int ssrc = RANDOM.nextInt();
    final long createdNanos = System.nanoTime();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean dtlsStarted = new AtomicBoolean();
    private final List<Runnable> onClose = new CopyOnWriteArrayList<>();
    volatile InetSocketAddress remote;
    volatile Channel channel;
    volatile String state = "new";
    private volatile long lastConsentNanos = System.nanoTime();
    private volatile DtlsDatagramTransport dtls;
    private volatile Thread dtlsThread;
    /** Event loop only, from {@link #secured()} on. */
    SrtpContexts srtp;

    WebRtcPeer(WebRtcServer server, Role role, String id, String owner, String cameraName, WhepOffer offer) {
        this.server = server;
        this.role = role;
        this.id = id;
        this.owner = owner;
        this.cameraName = cameraName;
        this.offer = offer;
    }

    /** The offer, when it asks the node to be the DTLS server (as WHEP and WHIP do); refused otherwise. */
    static WhepOffer dtlsServer(WhepOffer offer) {
        if (!"actpass".equals(offer.setup()) && !"active".equals(offer.setup())) {
            throw new WhepException("the offer's a=setup:" + offer.setup() + " asks the server to be the DTLS client;"
                    + " offer actpass or active");
        }
        return offer;
    }

    /** On the event loop: DTLS is done and {@link #srtp} keyed; media may flow. */
    abstract void secured();

    /**
     * What the session holds besides DTLS and SRTP, let go once when it ends: on the event loop, or on the closing
     * thread when ICE never selected an address.
     */
    abstract void release(String reason);

    /** An SRTP or SRTCP datagram from the peer, on the event loop (the copy is the peer's). */
    abstract void rtcp(byte[] datagram);

    public String id() {
        return id;
    }

    /** The camera id the session plays or publishes. */
    public String owner() {
        return owner;
    }

    String cameraName() {
        return cameraName;
    }

    /** {@link #ssrc} as RTP and RTCP write it. */
    long unsignedSsrc() {
        return ssrc & 0xffffffffL;
    }

    /** The server's ICE username fragment for this peer. */
    String ufrag() {
        return ufrag;
    }

    /** Runs {@code r} once when the session ends (at once if it has). */
    public void onClose(Runnable r) {
        onClose.add(r);
        if (closed.get() && onClose.remove(r)) {
            r.run();
        }
    }

    public boolean isClosed() {
        return closed.get();
    }

    boolean connected() {
        return remote != null;
    }

    long createdNanos() {
        return createdNanos;
    }

    long lastConsentNanos() {
        return lastConsentNanos;
    }

    /** The address ICE selected, for stats; null before. */
    String remoteAddress() {
        InetSocketAddress r = remote;
        return r == null ? null : r.toString();
    }

    /** A binding request for this peer's ufrag, on the event loop of {@code ch}. */
    void stun(Channel ch, InetSocketAddress sender, StunMessage request) {
        if (closed.get() || !request.integrityValid(pwd)) {
            server.counters().badStun.increment();
            return;
        }
        ch.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(request.success(sender, pwd)), sender),
                ch.voidPromise());
        lastConsentNanos = System.nanoTime();
        server.route(sender, this);
        if (remote == null || request.useCandidate() && !sender.equals(remote)) {
            remote = sender;
            channel = ch;
        }
        if (dtlsStarted.compareAndSet(false, true)) {
            state = "connecting";
            role.log().debug("{} {}: ICE check from {} {} ms after its offer", role.name(), id, sender,
                    millisSinceOffer());
            dtls = new DtlsDatagramTransport(this::writeAndFlush);
            dtlsThread = Thread.ofVirtual().name(role.threadPrefix() + id).start(this::handshake);
        }
    }

    /** A DTLS datagram from the peer (any thread; the copy is the peer's). */
    void dtls(byte[] datagram) {
        DtlsDatagramTransport t = dtls;
        if (t != null && !t.offer(datagram)) {
            server.counters().dropped.increment();
        }
    }

    /** Writes a datagram to the address ICE selected and flushes it. <b>Takes ownership</b> of {@code datagram}. */
    void writeAndFlush(ByteBuf datagram) {
        Channel ch = channel;
        ch.writeAndFlush(new DatagramPacket(datagram, remote), ch.voidPromise());
    }

    long millisSinceOffer() {
        return (System.nanoTime() - createdNanos) / 1_000_000;
    }

    private void handshake() {
        DtlsSrtpServer tls = new DtlsSrtpServer(new BcTlsCrypto(RANDOM), server.certificate(),
                offer.fingerprintAlgorithm(), offer.fingerprint());
        try {
            DTLSTransport transport = new DTLSServerProtocol().accept(tls, dtls);
            byte[] keys = tls.keyingMaterial();
            role.log().debug("{} {}: DTLS handshake done {} ms after its offer", role.name(), id, millisSinceOffer());
            channel.eventLoop().execute(() -> key(keys));
            byte[] buf = new byte[transport.getReceiveLimit()];
            while (!closed.get()) {
                // Nothing rides on DTLS after the handshake (no data channel); reading keeps retransmitting our
                // last flight if the peer lost it, and sees its close_notify.
                if (transport.receive(buf, 0, buf.length, 1000) < 0 && dtls.isClosed()) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!closed.get()) {
                close("DTLS: " + e.getMessage());
            }
        }
    }

    /** On the event loop: the handshake's keys become the SRTP contexts. */
    private void key(byte[] keys) {
        if (closed.get()) {
            return;
        }
        try {
            srtp = new SrtpContexts(keys, ssrc);
        } catch (GeneralSecurityException e) {
            close("SRTP keys: " + e.getMessage());
            return;
        }
        secured();
    }

    /** Ends the session (any thread; once). */
    public final void close(String reason) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        state = "closed";
        role.log().atLevel(role.endLevel()).log("{} {} of camera {} ended: {}", role.name(), id, cameraName, reason);
        server.remove(this);
        DtlsDatagramTransport t = dtls;
        if (t != null) {
            t.close();
        }
        Thread th = dtlsThread;
        if (th != null) {
            th.interrupt();
        }
        Channel ch = channel;
        if (ch == null) {
            release(reason);
        } else {
            ch.eventLoop().execute(() -> {
                release(reason);
                if (srtp != null) {
                    srtp.close();
                }
            });
        }
        for (Runnable r : onClose) {
            if (onClose.remove(r)) {
                r.run();
            }
        }
    }

    private static String random(int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = ICE_CHARS[RANDOM.nextInt(ICE_CHARS.length)];
        }
        return new String(c);
    }
}
