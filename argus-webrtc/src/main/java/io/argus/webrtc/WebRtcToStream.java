package io.argus.webrtc;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.AccessUnitSink;
import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.rtp.RtpReceiver;
import io.argus.media.codec.rtp.h264.H264Depacketizer;
import io.argus.media.path.PublishFeed;
import io.argus.media.path.RtpTrackCounters;
import io.argus.media.path.SourceCounters;
import io.argus.media.path.SourceListener;
import io.argus.media.stream.Stream;
import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Feeds a WHIP publisher's H.264 RTP into its path's {@link Stream}, through the codec layer's receiver (sequence
 * gaps, reordering, timestamp unwrapping) and RFC 6184 depacketizer, the ones RTSP ingest uses, and the
 * {@link PublishFeed} every pushed publish (RTMP, SRT) goes live and publishes through.
 *
 * <p>A browser's offer carries no {@code sprop-parameter-sets}: the stream goes live at the first keyframe whose
 * SPS and PPS came in band; units before it are dropped (counted; a picture cannot start on them, so the feed holds
 * none) and {@link #keyframeNeeded()} says to ask for one. Parameter sets that change later are forwarded with
 * {@link Stream#updateFormat}.
 *
 * <p>Single-threaded: the session's event loop, which is the stream's writer thread.
 */
final class WebRtcToStream implements AutoCloseable {

    private final SourceCounters counters;
    private final PublishFeed feed;
    private final H264Depacketizer depacketizer = new H264Depacketizer(new MediaFormat.H264(null, null), 0);
    private final RtpReceiver receiver = new RtpReceiver(depacketizer, RtpReceiver.DEFAULT_UDP_REORDER_WINDOW);
    private final RtpTrackCounters rtpCounters;
    /** Made once: a method reference per packet would be an allocation per packet. */
    private final AccessUnitSink sink = this::unit;
    private MediaFormat format;
    /** Why the path refused the publisher (it was disabled or deleted meanwhile), or null. */
    private String refusal;
    private boolean closed;
    private long waitingUnits;
    private long lastKeyframeNanos;

    /** @param writer the session's event loop: the stream's writer thread */
    WebRtcToStream(SourceListener publisher, SourceCounters counters, Executor writer) {
        this.counters = counters;
        this.rtpCounters = new RtpTrackCounters(receiver, depacketizer, counters);
        this.feed = new PublishFeed(counters, publisher, writer, reason -> refusal = reason);
    }

    /** One decrypted RTP packet of the video track. <b>Takes ownership</b> of {@code packet}. */
    void video(ByteBuf packet, long receivedNanos) {
        counters.packet(packet.readableBytes());
        if (closed || feed.closed()) {
            packet.release();
            return;
        }
        receiver.receive(packet, receivedNanos, sink);
        rtpCounters.update();
    }

    /** Units the depacketizer dropped (packets of them lost) since start: a rise means the picture is damaged. */
    long droppedUnits() {
        return depacketizer.droppedUnits() + waitingUnits;
    }

    /** {@link System#nanoTime()} at the latest keyframe published, 0 before the first. */
    long lastKeyframeNanos() {
        return lastKeyframeNanos;
    }

    /** Whether the stream still waits for a keyframe with its parameter sets. */
    boolean keyframeNeeded() {
        return !feed.live() && !feed.closed();
    }

    /** True once the path refused the publisher (it was disabled or deleted meanwhile). */
    boolean refused() {
        return refusal != null;
    }

    /** Why the path refused the publisher, or null. */
    String refusal() {
        return refusal;
    }

    boolean live() {
        return feed.live();
    }

    /** An access unit from the depacketizer. <b>Takes ownership</b>. */
    private void unit(AccessUnit au) {
        MediaFormat.H264 now = depacketizer.format();
        if (!feed.live()) {
            if (feed.closed() || !au.keyframe() || !now.hasParameterSets()) {
                au.release();
                waitingUnits++;
                counters.framesDropped(1);
                return;
            }
            format = now;
            if (!feed.goLive(List.of(now), feed::publish)) {
                au.release();
                return;
            }
        } else if (now != format && !now.equals(format)) {
            format = now;
            feed.stream().updateFormat(0, now);
        }
        if (au.keyframe()) {
            lastKeyframeNanos = au.receivedNanos();
        }
        feed.publish(au);
    }

    /** Releases what the receiver holds; the stream ends when the path hears the publisher ended. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            feed.close();
            receiver.close();
        }
    }
}
