package io.argus.webrtc;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.Codec;
import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.rtcp.NtpTime;
import io.argus.media.codec.rtcp.RtcpWriter;
import io.argus.media.codec.rtp.RtpPacketSink;
import io.argus.media.codec.rtp.RtpPacketizer;
import io.argus.media.stream.StreamConsumer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;

/**
 * Sends one camera's video to one WebRTC viewer: each access unit of the video track is packetized by the codec
 * layer's RTP packetizer (RFC 6184 / RFC 7798, FU-A/FU for NAL units over the 1200-byte budget), each packet
 * encrypted (SRTP writes new bytes, so this is where the payload is copied, once) and written to the viewer.
 * Keyframes that arrive without their parameter sets (sources that send them only in SDP) get them prepended, so
 * the browser can start decoding there. Sent packets stay in a short history for NACK retransmission.
 * Timestamps come from an {@link RtpTimeline}, so a burst of cached units does not delay the viewer by its age.
 * A viewer can be restarted on the stream's cached keyframe ({@link #attachment()} again, after a PLI): the
 * packetizer's sequence numbers, the history and the timeline go on. Runs on the viewer's event loop only.
 */
final class StreamToWebRtc {

    /**
     * RTP packets kept for retransmission: 512 packets of about 1200 bytes are 2.5 s at 2 Mbit/s, longer than a
     * browser waits before it gives up on a packet and asks for a keyframe instead; a power of two for the index.
     */
    static final int HISTORY = 512;
    private static final byte[] CNAME = "argus".getBytes(StandardCharsets.US_ASCII);
    private static final Clock UTC = Clock.systemUTC();

    private final WhepSession session;
    private final SrtpContexts srtp;
    private final RtpPacketizer packetizer;
    private final int track;
    private final MediaFormat format;
    private final ByteBufAllocator alloc;
    private final RtpTimeline timeline;
    private final byte[][] history = new byte[HISTORY][];
    private final int[] historyLength = new int[HISTORY];
    private final int[] historySequence = new int[HISTORY];
    private final RtpPacketSink sink = this::send;
    private long packets;
    private long octets;
    private long lastRtpTimestamp;
    private long lastSentNanos;
    private long lastKeyframeNanos;
    private boolean started;
    /** Which {@link #attachment()} is current: units and the end of an earlier reader are not this viewer's. */
    private int generation;

    StreamToWebRtc(WhepSession session, SrtpContexts srtp, RtpPacketizer packetizer, int track, MediaFormat format,
                   ByteBufAllocator alloc, long rtpOffset) {
        this.session = session;
        this.srtp = srtp;
        this.packetizer = packetizer;
        this.track = track;
        this.format = format;
        this.alloc = alloc;
        this.timeline = new RtpTimeline(rtpOffset, format.clockRate());
    }

    /**
     * A consumer for a new reader of the stream: the viewer (re)starts at the next keyframe it gets, which
     * {@link io.argus.media.stream.Stream#attach} makes the cached one. The consumers handed out before stop
     * counting: their units are released unsent and their reader's end does not end the session.
     */
    StreamConsumer attachment() {
        int mine = ++generation;
        started = false;
        return new StreamConsumer() {
            @Override
            public void onAccessUnit(AccessUnit au) {
                if (mine == generation) {
                    deliver(au);
                } else {
                    au.release();
                }
            }

            @Override
            public boolean isReady() {
                return session.writable();
            }

            @Override
            public void onClose() {
                if (mine == generation) {
                    session.close("the camera's stream ended");
                }
            }
        };
    }

    /** When the last keyframe went out ({@link System#nanoTime()}), or 0 before one. */
    long lastKeyframeNanos() {
        return lastKeyframeNanos;
    }

    /** <b>Takes ownership</b> of {@code au}. */
    private void deliver(AccessUnit au) {
        AccessUnit unit = au;
        try {
            if (au.track() != track || !started && !au.keyframe()) {
                return;
            }
            started = true;
            if (au.keyframe()) {
                unit = withParameterSets(au);
            }
            long now = System.nanoTime();
            if (au.keyframe()) {
                lastKeyframeNanos = now;
            }
            lastRtpTimestamp = timeline.next(au.pts(), now);
            packetizer.packetize(unit, lastRtpTimestamp, alloc, sink);
            lastSentNanos = now;
            session.flush();
        } finally {
            if (unit != au) {
                unit.release();
            }
            au.release();
        }
    }

    /** Sends one RTP packet. <b>Takes ownership</b> of both buffers. */
    private void send(ByteBuf header, ByteBuf payload) {
        int headerLength = header.readableBytes();
        int payloadLength = payload == null ? 0 : payload.readableBytes();
        byte[] b = new byte[headerLength + payloadLength + SrtpPacket.TRAILER];
        try {
            header.readBytes(b, 0, headerLength);
            if (payload != null) {
                payload.readBytes(b, headerLength, payloadLength);
            }
        } finally {
            header.release();
            if (payload != null) {
                payload.release();
            }
        }
        int sequence = (b[2] & 0xff) << 8 | b[3] & 0xff;
        SrtpPacket p = new SrtpPacket(b, 0, headerLength + payloadLength);
        try {
            if (!srtp.protectRtp(p)) {
                session.close("SRTP refused to protect packet " + sequence);
                return;
            }
        } catch (GeneralSecurityException e) {
            session.close("SRTP failed: " + e.getMessage());
            return;
        }
        int slot = sequence & (HISTORY - 1);
        history[slot] = p.getBuffer();
        historyLength[slot] = p.getLength();
        historySequence[slot] = sequence;
        packets++;
        octets += payloadLength;
        session.send(Unpooled.wrappedBuffer(p.getBuffer(), 0, p.getLength()), payloadLength);
    }

    /** Sends again a packet the viewer lost, if it is still in the history; whether it was. */
    boolean retransmit(int sequence) {
        int slot = sequence & (HISTORY - 1);
        byte[] b = history[slot];
        if (b == null || historySequence[slot] != sequence) {
            return false;
        }
        session.send(Unpooled.wrappedBuffer(b, 0, historyLength[slot]), 0);
        return true;
    }

    /** An RTCP sender report (RFC 3550 §6.4.1): lets the viewer measure the round trip in its receiver reports. */
    void sendSenderReport() {
        if (packets == 0) {
            return;
        }
        Instant now = UTC.instant();
        long ntp = NtpTime.fromUnixNanos(now.getEpochSecond() * 1_000_000_000L + now.getNano());
        long rtp = (lastRtpTimestamp + (System.nanoTime() - lastSentNanos) * RtpTimeline.VIDEO_CLOCK / 1_000_000_000L)
                & 0xffffffffL;
        int length = RtcpWriter.senderReportLength(CNAME);
        ByteBuf out = Unpooled.buffer(length);
        try {
            RtcpWriter.writeSenderReport(out, packetizer.ssrc(), ntp, rtp, packets, octets, CNAME);
            byte[] b = new byte[length + SrtpPacket.TRAILER];
            out.readBytes(b, 0, length);
            SrtpPacket p = new SrtpPacket(b, 0, length);
            if (srtp.protectRtcp(p)) {
                session.send(Unpooled.wrappedBuffer(p.getBuffer(), 0, p.getLength()), 0);
            }
        } catch (GeneralSecurityException e) {
            session.close("SRTCP failed: " + e.getMessage());
        } finally {
            out.release();
        }
    }

    /**
     * {@code au} with the format's parameter sets in front when it lacks them (a new unit the caller releases);
     * else {@code au} itself. <b>Borrows</b> {@code au}.
     */
    private AccessUnit withParameterSets(AccessUnit au) {
        byte[][] sets = switch (format) {
            case MediaFormat.H264 h -> h.hasParameterSets() ? new byte[][] {h.sps(), h.pps()} : null;
            case MediaFormat.H265 h -> h.hasParameterSets() ? new byte[][] {h.vps(), h.sps(), h.pps()} : null;
            case MediaFormat.Aac ignored -> null;
        };
        if (sets == null || hasSps(au) || au.unitCount() + sets.length > AccessUnit.MAX_UNITS) {
            return au;
        }
        ByteBuf[] units = new ByteBuf[sets.length + au.unitCount()];
        for (int i = 0; i < sets.length; i++) {
            units[i] = Unpooled.wrappedBuffer(sets[i]);
        }
        for (int i = 0; i < au.unitCount(); i++) {
            units[sets.length + i] = au.unit(i).retainedSlice();
        }
        return AccessUnit.of(au.track(), au.codec(), au.pts(), au.dts(), true, units, units.length,
                au.receivedNanos());
    }

    private boolean hasSps(AccessUnit au) {
        for (int i = 0; i < au.unitCount(); i++) {
            ByteBuf u = au.unit(i);
            if (!u.isReadable()) {
                continue;
            }
            int b = u.getUnsignedByte(u.readerIndex());
            if (au.codec() == Codec.H264 ? (b & 0x1f) == 7 : ((b >> 1) & 0x3f) == 33) {
                return true;
            }
        }
        return false;
    }
}
