package io.argus.webrtc;

import io.argus.media.path.Path;
import io.argus.media.path.SourceCounters;
import io.argus.media.path.SourceListener;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WHIP publisher (RFC 9725): its ICE credentials, the address ICE selected, the DTLS handshake (on a virtual
 * thread: the engine blocks; the node is the DTLS server, as for WHEP), then SRTP in and the camera's path fed
 * through {@link WebRtcToStream}. Loss is repaired where it can be: a small sequence gap is asked for again at once
 * with a NACK (the publisher retransmits from its own history), a large one or a unit the receiver gave up on with a
 * PLI, as is the first keyframe. Opus audio is received (so publishers that always send it are not refused) and
 * dropped, counted: the stream hub has no Opus track.
 *
 * <p>Holds the path's publisher claim from the offer on; ends on DELETE, DTLS close, lost consent, the path refusing
 * it, or its credential's revocation, and then gives the claim back.
 */
public final class WhipSession extends WebRtcPeer {
    private static final Logger LOG = LoggerFactory.getLogger(WhipSession.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ICE_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    /** PLIs at most this often: an encoder asked again before its keyframe arrived only sends a second one. */
    private static final long KEYFRAME_REQUEST_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /**
     * Longest time between keyframes before one is asked for: browsers send one only when asked, and the recorder's
     * chunks and LL-HLS segments are cut at keyframes (2 s is what a camera's GOP usually is).
     */
    static final long KEYFRAME_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final WebRtcServer server;
    private final String id;
    private final String owner;
    private final String cameraName;
    private final String ufrag = random(8);
    private final String pwd = random(24);
    private final WhepOffer offer;
    private final WhipAnswer.Choice choice;
    private final SourceListener publisher;
    private final SourceCounters counters;
    private final long ssrc = RANDOM.nextInt() & 0xffffffffL;
    private final long createdNanos = System.nanoTime();
    private final String answer;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean dtlsStarted = new AtomicBoolean();
    private final List<Runnable> onClose = new CopyOnWriteArrayList<>();
    private volatile InetSocketAddress remote;
    private volatile Channel channel;
    private volatile long lastConsentNanos = System.nanoTime();
    private volatile DtlsDatagramTransport dtls;
    private volatile Thread dtlsThread;
    private volatile String state = "new";
    /** Event loop only, from here on. */
    private SrtpContexts srtp;
    private WebRtcToStream toStream;
    private ScheduledFuture<?> ticks;
    private boolean sequenceStarted;
    private int highestSequence;
    private long mediaSsrc;
    private long lastKeyframeRequestNanos;
    private long droppedSeen;
    private volatile long packetsReceived;
    private volatile long bytesReceived;
    private volatile long packetsLost;
    private volatile long nacksSent;
    private volatile long keyframeRequests;
    private volatile long audioDropped;
    private volatile long otherDropped;

    private WhipSession(WebRtcServer server, String id, String owner, Path target, WhepOffer offer,
                        WhipAnswer.Choice choice, SourceListener publisher) {
        this.server = server;
        this.id = id;
        this.owner = owner;
        this.cameraName = target.name();
        this.offer = offer;
        this.choice = choice;
        this.publisher = publisher;
        this.counters = target.counters();
        this.answer = WhipAnswer.write(offer, choice, ufrag, pwd, server.certificate().fingerprint(),
                server.candidates(), RANDOM.nextLong() & Long.MAX_VALUE);
    }

    /**
     * Checks the offer, then finds the path (only then: finding it may create a camera) and claims it.
     *
     * @throws WhepException        the offer is malformed or sends no H.264
     * @throws WhipRefusedException the path takes no publisher now
     */
    static WhipSession open(WebRtcServer server, String id, WhepOffer offer, Supplier<Path> path) {
        if (!"actpass".equals(offer.setup()) && !"active".equals(offer.setup())) {
            throw new WhepException("the offer's a=setup:" + offer.setup() + " asks the server to be the DTLS client;"
                    + " offer actpass or active");
        }
        WhipAnswer.Choice choice = WhipAnswer.choose(offer);
        Path target = path.get();
        SourceListener publisher = target.acquirePublisher();
        if (publisher == null) {
            throw new WhipRefusedException("camera " + target.name() + " pulls from its own source, is disabled, or"
                    + " has a publisher already; it takes no WHIP publisher now");
        }
        LOG.info("WHIP publisher {} claims camera {}", id, target.name());
        return new WhipSession(server, id, target.id(), target, offer, choice, publisher);
    }

    public String id() {
        return id;
    }

    /** The path it publishes to (the camera id). */
    public String owner() {
        return owner;
    }

    public String answer() {
        return answer;
    }

    @Override
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

    @Override
    long lastConsentNanos() {
        return lastConsentNanos;
    }

    @Override
    long createdNanos() {
        return createdNanos;
    }

    @Override
    boolean connected() {
        return remote != null;
    }

    @Override
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
            LOG.debug("WHIP publisher {}: ICE check from {} {} ms after its offer", id, sender,
                    (System.nanoTime() - createdNanos) / 1_000_000);
            dtls = new DtlsDatagramTransport(this::sendDtls);
            dtlsThread = Thread.ofVirtual().name("argus-whip-dtls-" + id).start(this::handshake);
        }
    }

    @Override
    void dtls(byte[] datagram) {
        DtlsDatagramTransport t = dtls;
        if (t != null && !t.offer(datagram)) {
            server.counters().dropped.increment();
        }
    }

    private void sendDtls(ByteBuf datagram) {
        Channel ch = channel;
        ch.writeAndFlush(new DatagramPacket(datagram, remote), ch.voidPromise());
    }

    private void handshake() {
        DtlsSrtpServer tls = new DtlsSrtpServer(new BcTlsCrypto(RANDOM), server.certificate(),
                offer.fingerprintAlgorithm(), offer.fingerprint());
        try {
            DTLSTransport transport = new DTLSServerProtocol().accept(tls, dtls);
            byte[] keys = tls.keyingMaterial();
            channel.eventLoop().execute(() -> receive(keys));
            byte[] buf = new byte[transport.getReceiveLimit()];
            while (!closed.get()) {
                // Nothing rides on DTLS after the handshake (no data channel); reading keeps retransmitting our
                // last flight if the publisher lost it, and sees its close_notify.
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

    /** On the event loop: keys are known; media may come. */
    private void receive(byte[] keys) {
        if (closed.get()) {
            return;
        }
        try {
            srtp = new SrtpContexts(keys, (int) ssrc);
        } catch (GeneralSecurityException e) {
            close("SRTP keys: " + e.getMessage());
            return;
        }
        toStream = new WebRtcToStream(publisher, counters, channel.eventLoop());
        state = "waiting-keyframe";
        ticks = channel.eventLoop().scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
        LOG.debug("WHIP publisher {} of camera {}: DTLS done {} ms after its offer", id, cameraName,
                (System.nanoTime() - createdNanos) / 1_000_000);
    }

    /**
     * Every second: an encoder that missed the first PLI is asked again until the stream is live, and for a keyframe
     * once {@link #KEYFRAME_INTERVAL_NANOS} passed since the last.
     */
    private void tick() {
        long now = System.nanoTime();
        if (toStream != null && (toStream.keyframeNeeded()
                || toStream.live() && now - toStream.lastKeyframeNanos() >= KEYFRAME_INTERVAL_NANOS)) {
            requestKeyframe(now);
        }
    }

    /** An SRTP or SRTCP datagram from the publisher, on the event loop. */
    @Override
    void rtcp(byte[] datagram) {
        if (srtp == null || closed.get() || datagram.length < 12) {
            otherDropped++;
            server.counters().badRtcp.increment();
            return;
        }
        SrtpPacket p = new SrtpPacket(datagram, 0, datagram.length);
        int type = datagram[1] & 0xff;
        try {
            // RFC 5761 §4: packet types 192–223 are RTCP on the muxed port (the publisher's sender reports, which
            // say nothing this receiver needs); anything else is RTP.
            boolean rtcp = type >= 192 && type <= 223;
            if (rtcp ? !srtp.unprotectRtcp(p) : !srtp.unprotectRtp(p)) {
                otherDropped++;
                server.counters().badRtcp.increment();
                return;
            }
            if (rtcp) {
                return;
            }
        } catch (GeneralSecurityException e) {
            otherDropped++;
            server.counters().badRtcp.increment();
            return;
        }
        packetsReceived++;
        bytesReceived += p.getLength();
        int pt = type & 0x7f;
        if (pt == choice.videoPayloadType()) {
            video(p, System.nanoTime());
        } else if (pt == choice.audioPayloadType()) {
            audioDropped++;
            server.whipCounters().audioPacketsDropped.increment();
        } else {
            otherDropped++;
        }
    }

    private void video(SrtpPacket p, long now) {
        byte[] b = p.getBuffer();
        int o = p.getOffset();
        int seq = (b[o + 2] & 0xff) << 8 | b[o + 3] & 0xff;
        mediaSsrc = ((b[o + 8] & 0xffL) << 24) | (b[o + 9] & 0xff) << 16 | (b[o + 10] & 0xff) << 8 | b[o + 11] & 0xff;
        if (!sequenceStarted) {
            sequenceStarted = true;
            highestSequence = seq;
            requestKeyframe(now);
        } else {
            int gap = (short) (seq - highestSequence);
            if (gap > 1) {
                packetsLost += gap - 1;
                if (gap - 1 <= RtcpRequests.MAX_NACKED) {
                    send(RtcpRequests.nack(ssrc, mediaSsrc, (highestSequence + 1) & 0xffff, gap - 1));
                    nacksSent++;
                    server.whipCounters().nacksSent.increment();
                } else {
                    requestKeyframe(now);
                }
            }
            if (gap > 0) {
                highestSequence = seq;
            }
        }
        toStream.video(Unpooled.wrappedBuffer(b, o, p.getLength()), now);
        if (toStream.refused()) {
            close("the camera no longer takes this publisher");
            return;
        }
        if (toStream.live() && "waiting-keyframe".equals(state)) {
            state = "live";
            LOG.info("WHIP publisher {} of camera {} live from {} ({} ms after its offer)", id, cameraName, remote,
                    (now - createdNanos) / 1_000_000);
        }
        long dropped = toStream.droppedUnits();
        if (dropped != droppedSeen) {
            droppedSeen = dropped;
            requestKeyframe(now);
        }
    }

    private void requestKeyframe(long now) {
        if (mediaSsrc == 0 && !sequenceStarted
                || now - lastKeyframeRequestNanos < KEYFRAME_REQUEST_INTERVAL_NANOS && lastKeyframeRequestNanos != 0) {
            return;
        }
        lastKeyframeRequestNanos = now;
        keyframeRequests++;
        server.whipCounters().keyframeRequests.increment();
        send(RtcpRequests.pli(ssrc, mediaSsrc));
    }

    /** Protects and sends a compound RTCP packet to the publisher (event loop). */
    private void send(SrtpPacket p) {
        try {
            if (!srtp.protectRtcp(p)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            LOG.debug("WHIP publisher {}: protecting RTCP failed: {}", id, e.toString());
            return;
        }
        Channel ch = channel;
        ch.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(p.getBuffer(), p.getOffset(), p.getLength()),
                remote), ch.voidPromise());
    }

    public WhipStats stats() {
        InetSocketAddress r = remote;
        return new WhipStats(id, owner, r == null ? null : r.toString(), state, packetsReceived, bytesReceived,
                packetsLost, nacksSent, keyframeRequests, audioDropped, otherDropped);
    }

    /** Ends the session and gives the camera's publisher claim back (any thread; once). */
    @Override
    public void close(String reason) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        state = "closed";
        LOG.info("WHIP publisher {} of camera {} ended: {}", id, cameraName, reason);
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
            publisher.onEnded(reason);
        } else {
            ch.eventLoop().execute(() -> {
                if (ticks != null) {
                    ticks.cancel(false);
                }
                if (toStream != null) {
                    toStream.close();
                }
                if (srtp != null) {
                    srtp.close();
                }
                publisher.onEnded(reason);
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
