package io.argus.media.srt;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.Codec;
import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.format.ts.TsListener;
import io.argus.media.path.SourceCounters;
import io.argus.media.path.SourceListener;
import io.argus.media.stream.Stream;
import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds what a {@link io.argus.media.codec.format.ts.TsDemuxer} finds in one SRT connection into its path's
 * {@link Stream}. The tracks are the first PMT's (video first); the stream goes live once each has its format
 * (H.264/H.265 parameter sets, the first ADTS header). Units that come before that wait, at most
 * {@link #MAX_WAITING_UNITS}: past that the tracks still without a format are left out.
 *
 * <p>Single-threaded: the connection's poller, which is the stream's writer thread.
 */
final class SrtToStream implements TsListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SrtToStream.class);

    /** Units held while a track waits for its format: about 2.5 s of 25 fps video with AAC audio, as for RTMP. */
    static final int MAX_WAITING_UNITS = 128;

    private final String name;
    private final SourceCounters counters;
    private final SourceListener publisher;
    private final Executor writer;
    private final Consumer<String> failure;
    private final ArrayDeque<AccessUnit> waiting = new ArrayDeque<>();
    private List<Codec> codecs;
    private MediaFormat[] formats;
    /** Demuxer track to stream track, -1 for a track left out; set when the stream goes live. */
    private int[] trackMap;
    private Stream stream;
    private boolean closed;

    /**
     * @param writer  the poller: the stream's writer thread
     * @param failure told, once, why the publish cannot go on (the path no longer takes it)
     */
    SrtToStream(String name, SourceCounters counters, SourceListener publisher, Executor writer,
                Consumer<String> failure) {
        this.name = name;
        this.counters = counters;
        this.publisher = publisher;
        this.writer = writer;
        this.failure = failure;
        counters.timestampFault(null);
    }

    @Override
    public void tracks(List<Codec> found) {
        codecs = found;
        formats = new MediaFormat[found.size()];
    }

    @Override
    public void format(int track, MediaFormat format) {
        if (closed || formats == null) {
            return;
        }
        formats[track] = format;
        if (stream != null && trackMap[track] >= 0) {
            stream.updateFormat(trackMap[track], format);
        }
    }

    /** <b>Takes ownership</b> of {@code au}. */
    @Override
    public void accept(AccessUnit au) {
        if (closed) {
            au.release();
            return;
        }
        if (stream != null) {
            publish(au);
            return;
        }
        waiting.add(au);
        if (!goLiveIfReady(false) && waiting.size() > MAX_WAITING_UNITS) {
            LOG.warn("SRT publisher of {}: no format for some tracks after {} units; going live without them",
                    name, MAX_WAITING_UNITS);
            goLiveIfReady(true);
        }
    }

    /** Whether the program's tracks are known (a PMT with a carried stream came). */
    boolean hasTracks() {
        return codecs != null;
    }

    private boolean goLiveIfReady(boolean partial) {
        if (formats == null || (!partial && Arrays.stream(formats).anyMatch(f -> f == null))) {
            return false;
        }
        List<MediaFormat> live = new ArrayList<>();
        trackMap = new int[formats.length];
        for (int i = 0; i < formats.length; i++) {
            trackMap[i] = formats[i] == null ? -1 : live.size();
            if (formats[i] != null) {
                live.add(formats[i]);
            }
        }
        if (live.isEmpty()) {
            dropWaiting();
            return false;
        }
        stream = publisher.onReady(live, writer);
        if (stream == null) {
            dropWaiting();
            fail("the camera no longer takes this publisher");
            return false;
        }
        while (!waiting.isEmpty()) {
            publish(waiting.poll());
        }
        return true;
    }

    private void publish(AccessUnit au) {
        int track = trackMap[au.track()];
        if (track < 0) {
            au.release();
            counters.framesDropped(1);
            return;
        }
        if (au.codec().isVideo()) {
            counters.frame();
        }
        stream.publish(track == au.track() ? au : retracked(au, track));
    }

    /** The same unit on another track (a track before it was left out): its payload retained, not copied. */
    private static AccessUnit retracked(AccessUnit au, int track) {
        ByteBuf[] units = new ByteBuf[au.unitCount()];
        for (int i = 0; i < units.length; i++) {
            units[i] = au.unit(i).retain();
        }
        AccessUnit moved = AccessUnit.of(track, au.codec(), au.pts(), au.dts(), au.keyframe(), units, units.length,
                au.receivedNanos());
        au.release();
        return moved;
    }

    private void fail(String reason) {
        if (!closed) {
            close();
            failure.accept(reason);
        }
    }

    private void dropWaiting() {
        while (!waiting.isEmpty()) {
            waiting.poll().release();
            counters.framesDropped(1);
        }
    }

    /** Releases the units still waiting; the stream itself ends when the publisher's path hears it ended. */
    @Override
    public void close() {
        closed = true;
        dropWaiting();
    }
}
