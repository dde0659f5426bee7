package io.argus.webrtc;

import io.argus.media.path.Path;
import io.argus.media.path.SourceCounters;
import io.argus.media.path.SourceListener;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.ScheduledFuture;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

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
    private static final Role ROLE = new Role("WHIP publisher", "argus-whip-dtls-", LOG, Level.INFO);
    /** PLIs at most this often: an encoder asked again before its keyframe arrived only sends a second one. */
    private static final long KEYFRAME_REQUEST_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /**
     * Longest time between keyframes before one is asked for: browsers send one only when asked, and the recorder's
     * chunks and LL-HLS segments are cut at keyframes (2 s is what a camera's GOP usually is).
     */
    static final long KEYFRAME_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final WhipAnswer.Choice choice;
    private final SourceListener publisher;
    private final SourceCounters counters;
    private final String answer;
    /** Event loop only, from here on. */
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
        super(server, ROLE, id, owner, target.name(), offer);
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
        dtlsServer(offer);
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

    public String answer() {
        return answer;
    }

    /** On the event loop: keys are known; media may come. */
    @Override
    void secured() {
        toStream = new WebRtcToStream(publisher, counters, channel.eventLoop());
        state = "waiting-keyframe";
        ticks = channel.eventLoop().scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
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
        if (srtp == null || isClosed() || datagram.length < 12) {
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
                    send(RtcpRequests.nack(unsignedSsrc(), mediaSsrc, (highestSequence + 1) & 0xffff, gap - 1));
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
            close(toStream.refusal());
            return;
        }
        if (toStream.live() && "waiting-keyframe".equals(state)) {
            state = "live";
            LOG.info("WHIP publisher {} of camera {} live from {} ({} ms after its offer)", id(), cameraName(), remote,
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
        send(RtcpRequests.pli(unsignedSsrc(), mediaSsrc));
    }

    /** Protects and sends a compound RTCP packet to the publisher (event loop). */
    private void send(SrtpPacket p) {
        try {
            if (!srtp.protectRtcp(p)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            LOG.debug("WHIP publisher {}: protecting RTCP failed: {}", id(), e.toString());
            return;
        }
        writeAndFlush(Unpooled.wrappedBuffer(p.getBuffer(), p.getOffset(), p.getLength()));
    }

    public WhipStats stats() {
        return new WhipStats(id(), owner(), remoteAddress(), state, packetsReceived, bytesReceived,
                packetsLost, nacksSent, keyframeRequests, audioDropped, otherDropped);
    }

    /** Gives the camera's publisher claim back. */
    @Override
    void release(String reason) {
        if (ticks != null) {
            ticks.cancel(false);
        }
        if (toStream != null) {
            toStream.close();
        }
        publisher.onEnded(reason);
    }
}
