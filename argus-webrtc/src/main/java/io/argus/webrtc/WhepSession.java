package io.argus.webrtc;

import io.argus.media.codec.Codec;
import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.rtcp.NtpTime;
import io.argus.media.codec.rtcp.RtcpReportBlock;
import io.argus.media.codec.rtp.RtpPacketizer;
import io.argus.media.codec.rtp.h264.H264Packetizer;
import io.argus.media.codec.rtp.h265.H265Packetizer;
import io.argus.media.stream.Stream;
import io.argus.media.stream.StreamReader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WHEP viewer: its ICE credentials, the address ICE selected, the DTLS handshake (on a virtual thread: the
 * engine blocks), then SRTP and a reader of the camera's stream, and the RTCP it sends back. Ends on DELETE, DTLS
 * close, lost consent (no STUN for {@link WebRtcServer#CONSENT_TIMEOUT_NANOS}), the stream's end, or its
 * credential's revocation.
 */
public final class WhepSession extends WebRtcPeer {
    private static final Logger LOG = LoggerFactory.getLogger(WhepSession.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ICE_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final Clock UTC = Clock.systemUTC();
    /** RTP packets and DTLS records stay within this (RFC 8831 and browsers assume 1200 bytes get through). */
    static final int MTU = 1200;
    /**
     * A keyframe request is answered from the GOP cache only when the last keyframe went out longer ago than this:
     * a browser asks again while the one just sent is on its way or being decoded, and each answer is a burst.
     */
    static final long RESYNC_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(1000);
    /**
     * The largest GOP cache resent on a keyframe request (1 MiB, 0.8 s of a 10 Mbit/s downlink): a longer or
     * richer GOP costs the viewer more as a burst than the wait for the camera's next keyframe.
     */
    static final long MAX_RESYNC_BYTES = 1 << 20;

    private final WebRtcServer server;
    private final String id;
    private final String owner;
    private final String ufrag = random(8);
    private final String pwd = random(24);
    private final Stream stream;
    private final int track;
    private final MediaFormat format;
    private final WhepCodec codec;
    private final WhepOffer offer;
    private final int ssrc = RANDOM.nextInt();
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
    private StreamToWebRtc out;
    private StreamReader reader;
    private ScheduledFuture<?> reports;
    private volatile long packetsSent;
    private volatile long bytesSent;
    private volatile long rttMillis = -1;
    private volatile int fractionLost;
    private volatile long cumulativeLost;
    private volatile long nacks;
    private volatile long retransmitted;
    private volatile long keyframeRequests;
    private volatile long resyncs;
    private volatile long firstPacketNanos;
    private volatile long bitrateBps;
    private long bitsThisSecond;
    private long secondStartNanos = System.nanoTime();

    WhepSession(WebRtcServer server, String id, String owner, Stream stream, WhepOffer offer) {
        this.server = server;
        this.id = id;
        this.owner = owner;
        this.stream = stream;
        this.offer = offer;
        if (!"actpass".equals(offer.setup()) && !"active".equals(offer.setup())) {
            throw new WhepException("the offer's a=setup:" + offer.setup() + " asks the server to be the DTLS client;"
                    + " offer actpass or active");
        }
        int video = -1;
        for (int i = 0; i < stream.formats().size(); i++) {
            if (stream.formats().get(i).codec().isVideo()) {
                video = i;
                break;
            }
        }
        if (video < 0) {
            throw new WhepException("the camera's stream has no video");
        }
        this.track = video;
        this.format = stream.formats().get(video);
        int section = -1;
        for (int i = 0; i < offer.media().size(); i++) {
            WhepOffer.Media m = offer.media().get(i);
            if (m.kind().equals("video") && !m.direction().equals("sendonly") && !m.direction().equals("inactive")) {
                section = i;
                break;
            }
        }
        if (section < 0) {
            throw new WhepException("the offer has no video section the viewer receives (recvonly or sendrecv)");
        }
        this.codec = WhepCodec.choose(offer.media().get(section), format);
        this.answer = WhepAnswer.write(offer, section, codec, ufrag, pwd, server.certificate().fingerprint(),
                server.candidates(), ssrc & 0xffffffffL, RANDOM.nextLong() & Long.MAX_VALUE);
    }

    public String id() {
        return id;
    }

    /** What the session was opened for (the camera id). */
    public String owner() {
        return owner;
    }

    public String answer() {
        return answer;
    }

    String ufrag() {
        return ufrag;
    }

    public Stream stream() {
        return stream;
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

    long lastConsentNanos() {
        return lastConsentNanos;
    }

    long createdNanos() {
        return createdNanos;
    }

    boolean connected() {
        return remote != null;
    }

    /** A binding request for this session's ufrag, on the event loop of {@code ch}. */
    void stun(Channel ch, InetSocketAddress sender, StunMessage request) {
        if (closed.get() || !request.integrityValid(pwd)) {
            server.counters().badStun.increment();
            return;
        }
        ch.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(request.success(sender, pwd)),
                sender), ch.voidPromise());
        lastConsentNanos = System.nanoTime();
        server.route(sender, this);
        if (remote == null || request.useCandidate() && !sender.equals(remote)) {
            remote = sender;
            channel = ch;
        }
        if (dtlsStarted.compareAndSet(false, true)) {
            state = "connecting";
            LOG.debug("WHEP viewer {}: ICE check from {} {} ms after its offer", id, sender,
                    (System.nanoTime() - createdNanos) / 1_000_000);
            dtls = new DtlsDatagramTransport(this::sendDtls);
            dtlsThread = Thread.ofVirtual().name("argus-whep-dtls-" + id).start(this::handshake);
        }
    }

    /** A DTLS datagram from the viewer (any thread; the copy is the session's). */
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
            LOG.debug("WHEP viewer {}: DTLS handshake done {} ms after its offer", id,
                    (System.nanoTime() - createdNanos) / 1_000_000);
            channel.eventLoop().execute(() -> play(keys));
            byte[] buf = new byte[transport.getReceiveLimit()];
            while (!closed.get()) {
                // Nothing rides on DTLS after the handshake (no data channel); reading keeps retransmitting our
                // last flight if the viewer lost it, and sees its close_notify.
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

    /** On the event loop: keys are known, the stream starts at its cached keyframe. */
    private void play(byte[] keys) {
        if (closed.get()) {
            return;
        }
        try {
            srtp = new SrtpContexts(keys, ssrc);
        } catch (GeneralSecurityException e) {
            close("SRTP keys: " + e.getMessage());
            return;
        }
        RtpPacketizer packetizer = codec.codec() == Codec.H264
                ? new H264Packetizer(codec.payloadType(), ssrc, RANDOM.nextInt(0x10000), MTU)
                : new H265Packetizer(codec.payloadType(), ssrc, RANDOM.nextInt(0x10000), MTU);
        out = new StreamToWebRtc(this, srtp, packetizer, track, format, channel.alloc(), RANDOM.nextInt() & 0xffffffffL);
        state = "playing";
        reader = stream.attach(out.attachment(), channel.eventLoop(), Stream.DEFAULT_READER_QUEUE);
        reports = channel.eventLoop().scheduleAtFixedRate(out::sendSenderReport, 1, 1, TimeUnit.SECONDS);
        LOG.debug("WHEP viewer {} of camera {} playing from {} ({} ms after its offer)", id, stream.name(), remote,
                (System.nanoTime() - createdNanos) / 1_000_000);
    }

    /** An RTP or RTCP datagram from the viewer, on the event loop. */
    void rtcp(byte[] datagram) {
        if (srtp == null || closed.get()) {
            server.counters().badRtcp.increment();
            return;
        }
        SrtpPacket p = new SrtpPacket(datagram, 0, datagram.length);
        int type = datagram.length > 1 ? datagram[1] & 0xff : 0;
        try {
            // RFC 5761 §4: RTCP packet types 192–223 on the muxed port; anything else would be RTP, which a
            // receive-only viewer does not send.
            if (type < 192 || type > 223 || !srtp.unprotectRtcp(p)) {
                server.counters().badRtcp.increment();
                return;
            }
        } catch (GeneralSecurityException e) {
            server.counters().badRtcp.increment();
            return;
        }
        RtcpFeedback.read(p.getBuffer(), p.getOffset(), p.getLength(), ssrc & 0xffffffffL, new RtcpFeedback.Listener() {
            @Override
            public void report(RtcpReportBlock b) {
                fractionLost = b.fractionLost();
                cumulativeLost = b.cumulativeLost();
                if (b.lastSr() != 0) {
                    Instant now = UTC.instant();
                    long mid = NtpTime.middle32(NtpTime.fromUnixNanos(now.getEpochSecond() * 1_000_000_000L
                            + now.getNano()));
                    long rtt = (mid - b.lastSr() - b.delaySinceLastSr()) & 0xffffffffL;
                    rttMillis = rtt * 1000 / 65536;
                }
            }

            @Override
            public void nack(int sequence) {
                nacks++;
                if (out.retransmit(sequence)) {
                    retransmitted++;
                }
            }

            @Override
            public void keyframeRequest() {
                keyframeRequests++;
                resync();
            }
        });
        // Retransmissions were written; send them now, not with the next access unit.
        channel.flush();
    }

    /**
     * Event loop, on PLI or FIR: the viewer's decoder lost its reference chain. The camera's encoder is not the
     * node's to drive, so instead of a new keyframe the viewer is restarted on the stream's cached one (with the
     * units since, which the next pictures refer to), as a new viewer starts, unless a keyframe went out just now
     * or the cache is too large to send as a burst; then it waits for the camera's next keyframe.
     */
    private void resync() {
        long cached = stream.gopCacheBytes();
        if (out == null || System.nanoTime() - out.lastKeyframeNanos() < RESYNC_INTERVAL_NANOS || cached == 0
                || cached > MAX_RESYNC_BYTES) {
            return;
        }
        resyncs++;
        reader.close();
        reader = stream.attach(out.attachment(), channel.eventLoop(), Stream.DEFAULT_READER_QUEUE);
    }

    /** Event loop: writes a protected datagram to the viewer. <b>Takes ownership</b> of {@code packet}. */
    void send(ByteBuf packet, int payloadBytes) {
        Channel ch = channel;
        long now = System.nanoTime();
        if (firstPacketNanos == 0 && payloadBytes > 0) {
            firstPacketNanos = now;
        }
        packetsSent++;
        bytesSent += packet.readableBytes();
        bitsThisSecond += payloadBytes * 8L;
        if (now - secondStartNanos >= 1_000_000_000L) {
            bitrateBps = bitsThisSecond * 1_000_000_000L / (now - secondStartNanos);
            bitsThisSecond = 0;
            secondStartNanos = now;
        }
        ch.write(new DatagramPacket(packet, remote), ch.voidPromise());
    }

    /** Event loop: one access unit's packets are written; flush them together. */
    void flush() {
        channel.flush();
    }

    boolean writable() {
        Channel ch = channel;
        return ch != null && ch.isWritable();
    }

    /** Event loop: the channel can take more; the reader drains again. */
    void resume() {
        if (reader != null) {
            reader.resume();
        }
    }

    public WhepStats stats() {
        InetSocketAddress r = remote;
        return new WhepStats(id, owner, r == null ? null : r.toString(), state, packetsSent, bytesSent,
                rttMillis, fractionLost, cumulativeLost, nacks, retransmitted, keyframeRequests, resyncs, bitrateBps,
                firstPacketNanos == 0 ? -1 : (firstPacketNanos - createdNanos) / 1_000_000);
    }

    /** Ends the session (any thread; once). */
    public void close(String reason) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        state = "closed";
        LOG.debug("WHEP viewer {} of camera {} ended: {}", id, stream.name(), reason);
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
        if (ch != null) {
            ch.eventLoop().execute(() -> {
                if (reports != null) {
                    reports.cancel(false);
                }
                if (reader != null) {
                    reader.close();
                }
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
