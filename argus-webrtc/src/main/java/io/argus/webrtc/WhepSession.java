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
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.ScheduledFuture;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * One WHEP viewer: its ICE credentials, the address ICE selected, the DTLS handshake (on a virtual thread: the
 * engine blocks), then SRTP and a reader of the camera's stream, and the RTCP it sends back. Ends on DELETE, DTLS
 * close, lost consent (no STUN for {@link WebRtcServer#CONSENT_TIMEOUT_NANOS}), the stream's end, or its
 * credential's revocation.
 */
public final class WhepSession extends WebRtcPeer {
    private static final Logger LOG = LoggerFactory.getLogger(WhepSession.class);
    private static final Role ROLE = new Role("WHEP viewer", "argus-whep-dtls-", LOG, Level.DEBUG);
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

    private final Stream stream;
    private final int track;
    private final MediaFormat format;
    private final WhepCodec codec;
    private final String answer;
    /** Event loop only, from here on. */
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
        super(server, ROLE, id, owner, stream.name(), dtlsServer(offer));
        this.stream = stream;
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
                server.candidates(), unsignedSsrc(), RANDOM.nextLong() & Long.MAX_VALUE);
    }

    public String answer() {
        return answer;
    }

    public Stream stream() {
        return stream;
    }

    /** On the event loop: keys are known, the stream starts at its cached keyframe. */
    @Override
    void secured() {
        RtpPacketizer packetizer = codec.codec() == Codec.H264
                ? new H264Packetizer(codec.payloadType(), ssrc, RANDOM.nextInt(0x10000), MTU)
                : new H265Packetizer(codec.payloadType(), ssrc, RANDOM.nextInt(0x10000), MTU);
        out = new StreamToWebRtc(this, srtp, packetizer, track, format, channel.alloc(), RANDOM.nextInt() & 0xffffffffL);
        state = "playing";
        reader = stream.attach(out.attachment(), channel.eventLoop(), Stream.DEFAULT_READER_QUEUE);
        reports = channel.eventLoop().scheduleAtFixedRate(out::sendSenderReport, 1, 1, TimeUnit.SECONDS);
        LOG.debug("WHEP viewer {} of camera {} playing from {} ({} ms after its offer)", id(), stream.name(), remote,
                millisSinceOffer());
    }

    /** An RTP or RTCP datagram from the viewer, on the event loop. */
    @Override
    void rtcp(byte[] datagram) {
        if (srtp == null || isClosed()) {
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
        RtcpFeedback.read(p.getBuffer(), p.getOffset(), p.getLength(), unsignedSsrc(), new RtcpFeedback.Listener() {
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
        return new WhepStats(id(), owner(), remoteAddress(), state, packetsSent, bytesSent,
                rttMillis, fractionLost, cumulativeLost, nacks, retransmitted, keyframeRequests, resyncs, bitrateBps,
                firstPacketNanos == 0 ? -1 : (firstPacketNanos - createdNanos) / 1_000_000);
    }

    @Override
    void release(String reason) {
        if (reports != null) {
            reports.cancel(false);
        }
        if (reader != null) {
            reader.close();
        }
    }
}
