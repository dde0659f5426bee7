package io.argus.media.rtsp;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.AccessUnitSink;
import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.rtp.RtpDepacketizer;
import io.argus.media.codec.rtp.RtpPayloadFormats;
import io.argus.media.codec.rtp.RtpReceiver;
import io.argus.media.path.RtpTrackCounters;
import io.argus.media.path.SourceCounters;
import io.argus.media.stream.Stream;
import io.argus.media.stream.TimestampRepair;
import io.netty.buffer.ByteBuf;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the RTP packets of an RTSP session (client PLAY or server RECORD) into a {@link Stream}: one
 * {@link RtpReceiver} per track, access units published as they complete, in-band parameter set changes
 * forwarded with {@link Stream#updateFormat}, and every per-packet outcome counted in {@link SourceCounters}. Each
 * track's timestamps pass a {@link TimestampRepair}: a camera whose RTP timestamps do not advance, stall, jump or
 * run at the wrong rate is given arrival times instead, said in the counters' timestamp fault.
 *
 * <p>Single-threaded: every method runs on the stream's writer thread (the session's event loop).
 */
public final class RtspToStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RtspToStream.class);

    /** Samples in an AAC frame (ISO/IEC 14496-3: AAC-LC and the AAC core of HE-AAC). */
    private static final int AAC_FRAME_SAMPLES = 1024;

    private final Track[] tracks;
    private final SourceCounters counters;
    private Stream stream;
    private long lastPacketNanos;
    private boolean closed;

    /**
     * @param formats       one per track, in {@link AccessUnit#track()} order
     * @param reorderWindow 0 for TCP (in order by construction), {@link RtpReceiver#DEFAULT_UDP_REORDER_WINDOW} for UDP
     */
    public RtspToStream(List<MediaFormat> formats, int reorderWindow, SourceCounters counters) {
        this.counters = counters;
        counters.timestampFault(null);
        this.tracks = new Track[formats.size()];
        for (int i = 0; i < tracks.length; i++) {
            tracks[i] = new Track(i, formats.get(i), reorderWindow);
        }
    }

    /** Starts publishing into {@code target}; packets received before are dropped. */
    public void start(Stream target) {
        this.stream = target;
    }

    public boolean started() {
        return stream != null;
    }

    /**
     * One RTP packet of track {@code track}. <b>Takes ownership</b> of {@code packet}. Packets for an unknown
     * track, or before {@link #start}, are released and counted invalid.
     */
    public void receive(int track, ByteBuf packet, long receivedNanos) {
        lastPacketNanos = receivedNanos;
        counters.packet(packet.readableBytes());
        if (closed || stream == null || track < 0 || track >= tracks.length) {
            packet.release();
            counters.invalid(1);
            return;
        }
        tracks[track].receive(packet, receivedNanos);
    }

    /** {@link System#nanoTime()} of the latest packet, 0 before the first. */
    public long lastPacketNanos() {
        return lastPacketNanos;
    }

    public int trackCount() {
        return tracks.length;
    }

    /** Releases partial units and reordered packets held by the receivers. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            for (Track t : tracks) {
                t.receiver.close();
            }
        }
    }

    private final class Track {
        private final int index;
        private final RtpDepacketizer depacketizer;
        private final RtpReceiver receiver;
        private final boolean video;
        /** Made once: a method reference per packet would be an allocation per packet. */
        private final AccessUnitSink sink = this::publish;
        private final TimestampRepair timestamps;
        private final RtpTrackCounters rtpCounters;
        private MediaFormat format;

        Track(int index, MediaFormat format, int reorderWindow) {
            this.index = index;
            this.format = format;
            this.video = format.codec().isVideo();
            this.depacketizer = RtpPayloadFormats.depacketizer(format, index);
            this.receiver = new RtpReceiver(depacketizer, reorderWindow);
            this.rtpCounters = new RtpTrackCounters(receiver, depacketizer, counters);
            this.timestamps = video ? TimestampRepair.video(format.clockRate())
                    : TimestampRepair.audio(format.clockRate(), AAC_FRAME_SAMPLES);
        }

        void receive(ByteBuf packet, long receivedNanos) {
            receiver.receive(packet, receivedNanos, sink);
            rtpCounters.update();
        }

        private void publish(AccessUnit au) {
            MediaFormat now = depacketizer.format();
            if (now != format && !now.equals(format)) {
                format = now;
                stream.updateFormat(index, now);
            }
            if (video) {
                counters.frame();
            }
            retime(au);
            stream.publish(au);
        }

        /** Gives the unit repaired times once the track's own cannot be trusted (see {@link TimestampRepair}). */
        private void retime(AccessUnit au) {
            boolean before = timestamps.fault() != null;
            long dts = timestamps.next(au.dts(), au.receivedNanos());
            if (timestamps.fault() == null) {
                return;
            }
            if (!before) {
                String reason = "track " + index + " (" + format.codec() + "): " + timestamps.reason()
                        + "; using arrival times";
                LOG.warn("stream {}: {}", stream.name(), reason);
                counters.timestampFault(reason);
            }
            au.retime(dts + au.pts() - au.dts(), dts);
            counters.retimed(1);
        }
    }
}
