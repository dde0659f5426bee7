package io.argus.media.rtsp.server;

import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.rtp.RtpReceiver;
import io.argus.media.path.AccessGrant;
import io.argus.media.path.Path;
import io.argus.media.path.SourceListener;
import io.argus.media.rtsp.RtspToStream;
import io.argus.media.stream.Stream;
import io.argus.media.stream.StreamReader;
import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One RTSP session (RFC 2326 §3): a reader of a path's stream or a publisher into a path, with its set-up
 * tracks. Lives on its connection's event loop; a publisher's stream has that loop as its writer thread.
 */
final class RtspServerSession {

    enum State { READY, PLAYING, RECORDING, CLOSED }

    /**
     * Period of a reader's RTCP sender reports: RFC 3550 §6.2's recommended minimum interval of 5 s. The RTCP
     * bandwidth rule would allow more for one receiver, but players only need the mapping refreshed, and every
     * report is a write per track per reader.
     */
    static final long SENDER_REPORT_INTERVAL_MILLIS = 5_000;

    /** Random bytes of the RTCP CNAME: RFC 7022 §4.2 asks for at least 96 bits, unique and unlinkable. */
    private static final int CNAME_RANDOM_BYTES = 12;

    private final String id;
    private final RtspServerConnection connection;
    private final Path path;
    private final Stream stream;
    private final List<MediaFormat> formats;
    private final RtspServerAnnounce announce;
    private final RtspServerSessionMedia[] medias;
    private final List<Integer> channelToTrack = new ArrayList<>();
    private final List<InetSocketAddress> udpRoutes = new ArrayList<>();
    private State state = State.READY;
    private StreamReader reader;
    private ScheduledFuture<?> senderReports;
    private RtspToStream toStream;
    private long lastActivityNanos = System.nanoTime();
    private AccessGrant.Watch watch;

    private RtspServerSession(String id, RtspServerConnection connection, Path path, Stream stream,
                              List<MediaFormat> formats, RtspServerAnnounce announce) {
        this.id = id;
        this.connection = connection;
        this.path = path;
        this.stream = stream;
        this.formats = formats;
        this.announce = announce;
        this.medias = new RtspServerSessionMedia[formats.size()];
    }

    static RtspServerSession reader(String id, RtspServerConnection connection, Path path, Stream stream) {
        return new RtspServerSession(id, connection, path, stream, stream.formats(), null);
    }

    static RtspServerSession publisher(String id, RtspServerConnection connection, RtspServerAnnounce announce) {
        return new RtspServerSession(id, connection, announce.path(), null, announce.formats(), announce);
    }

    String id() {
        return id;
    }

    /** Watches the grant the session was let in on until it closes; a grant taken back closes the connection. */
    void watch(AccessGrant grant) {
        watch = grant.watch(connection::revoked);
    }

    Path path() {
        return path;
    }

    Stream stream() {
        return stream;
    }

    RtspServerAnnounce announce() {
        return announce;
    }

    boolean isPublisher() {
        return announce != null;
    }

    State state() {
        return state;
    }

    List<MediaFormat> formats() {
        return formats;
    }

    void touch() {
        lastActivityNanos = System.nanoTime();
    }

    long lastActivityNanos() {
        return lastActivityNanos;
    }

    /** The media of stream track {@code track}, or null if it was not set up. */
    RtspServerSessionMedia media(int track) {
        return track >= 0 && track < medias.length ? medias[track] : null;
    }

    boolean hasMedia() {
        for (RtspServerSessionMedia m : medias) {
            if (m != null) {
                return true;
            }
        }
        return !channelToTrack.isEmpty();
    }

    boolean usesUdp() {
        for (RtspServerSessionMedia m : medias) {
            if (m != null && !m.transport().tcp()) {
                return true;
            }
        }
        return false;
    }

    /** Adds a set-up track; for a publisher, {@code media.track()} may be -1 (an unsupported announced track). */
    void add(RtspServerSessionMedia media) {
        if (media.track() >= 0) {
            medias[media.track()] = media;
        }
        if (media.transport().tcp()) {
            int ch = media.transport().interleavedRtp();
            while (channelToTrack.size() <= ch) {
                channelToTrack.add(-1);
            }
            channelToTrack.set(ch, media.track());
        }
    }

    /** A fresh RTCP CNAME (RFC 7022 §4.2): random, so sessions cannot be linked by it. */
    static byte[] newCname() {
        byte[] random = new byte[CNAME_RANDOM_BYTES];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random).getBytes(StandardCharsets.US_ASCII);
    }

    /** PLAY: attach to the stream; the reader and its sender-report timer run on the connection's loop. */
    void play(StreamToRtsp consumer) {
        state = State.PLAYING;
        reader = stream.attach(consumer, connection.eventLoop(), Stream.DEFAULT_READER_QUEUE);
        senderReports = connection.eventLoop().scheduleAtFixedRate(consumer::sendSenderReports,
                SENDER_REPORT_INTERVAL_MILLIS, SENDER_REPORT_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    void resume() {
        if (reader != null) {
            reader.resume();
        }
    }

    /** RECORD: go live on the path; false if the path no longer takes this publisher. */
    boolean record(SourceListener publisher, RtspServerUdp udp) {
        Stream target = publisher.onReady(formats, connection.eventLoop());
        if (target == null) {
            return false;
        }
        state = State.RECORDING;
        toStream = new RtspToStream(formats, usesUdp() ? RtpReceiver.DEFAULT_UDP_REORDER_WINDOW : 0,
                path.counters());
        toStream.start(target);
        for (RtspServerSessionMedia m : medias) {
            if (m != null && m.clientRtp() != null && udp != null) {
                int track = m.track();
                udp.register(m.clientRtp(), (packet, nanos) -> connection.eventLoop().execute(
                        () -> onRtp(track, packet, nanos)));
                udpRoutes.add(m.clientRtp());
            }
        }
        return true;
    }

    /** A publisher's interleaved packet on channel {@code ch}. <b>Takes ownership</b> of {@code packet}. */
    void onInterleaved(int ch, ByteBuf packet) {
        int track = ch < channelToTrack.size() ? channelToTrack.get(ch) : -1;
        if (track < 0) {
            packet.release();
        } else {
            onRtp(track, packet, System.nanoTime());
        }
    }

    private void onRtp(int track, ByteBuf packet, long nanos) {
        if (state != State.RECORDING) {
            packet.release();
            return;
        }
        lastActivityNanos = nanos;
        toStream.receive(track, packet, nanos);
    }

    /** The stream this reader plays ended (source gone): the client learns it by the connection closing. */
    void streamEnded() {
        if (state != State.CLOSED) {
            connection.closeConnection();
        }
    }

    /** Ends the session: a reader detaches; a publisher's path hears {@code reason}. */
    void close(String reason, RtspServerUdp udp) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        if (watch != null) {
            watch.close();
        }
        if (senderReports != null) {
            senderReports.cancel(false);
        }
        if (reader != null) {
            reader.close();
        }
        if (udp != null) {
            udpRoutes.forEach(udp::unregister);
        }
        if (toStream != null) {
            toStream.close();
        }
        if (announce != null) {
            announce.end(reason);
        }
    }
}
