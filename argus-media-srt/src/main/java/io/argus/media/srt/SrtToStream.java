package io.argus.media.srt;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.Codec;
import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.format.ts.TsListener;
import io.argus.media.path.PublishFeed;
import io.argus.media.path.SourceCounters;
import io.argus.media.path.SourceListener;
import io.argus.media.stream.Stream;
import io.netty.buffer.ByteBuf;
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
 * (H.264/H.265 parameter sets, the first ADTS header). Units that come before that wait in a {@link PublishFeed}:
 * past its limit the tracks still without a format are left out.
 *
 * <p>Single-threaded: the connection's poller, which is the stream's writer thread.
 */
final class SrtToStream implements TsListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SrtToStream.class);

    private final String name;
    private final SourceCounters counters;
    private final PublishFeed feed;
    private List<Codec> codecs;
    private MediaFormat[] formats;
    /** Demuxer track to stream track, -1 for a track left out; set when the stream goes live. */
    private int[] trackMap;

    /**
     * @param writer  the poller: the stream's writer thread
     * @param failure told, once, why the publish cannot go on (the path no longer takes it)
     */
    SrtToStream(String name, SourceCounters counters, SourceListener publisher, Executor writer,
                Consumer<String> failure) {
        this.name = name;
        this.counters = counters;
        this.feed = new PublishFeed(counters, publisher, writer, failure);
    }

    @Override
    public void tracks(List<Codec> found) {
        codecs = found;
        formats = new MediaFormat[found.size()];
    }

    @Override
    public void format(int track, MediaFormat format) {
        if (feed.closed() || formats == null) {
            return;
        }
        formats[track] = format;
        if (feed.live() && trackMap[track] >= 0) {
            feed.stream().updateFormat(trackMap[track], format);
        }
    }

    /** <b>Takes ownership</b> of {@code au}. */
    @Override
    public void accept(AccessUnit au) {
        if (feed.closed()) {
            au.release();
            return;
        }
        if (feed.live()) {
            publish(au);
            return;
        }
        feed.hold(au);
        if (!goLiveIfReady(false) && feed.waitedTooLong()) {
            LOG.warn("SRT publisher of {}: no format for some tracks after {} units; going live without them",
                    name, PublishFeed.MAX_WAITING_UNITS);
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
            feed.dropWaiting();
            return false;
        }
        return feed.goLive(live, this::publish);
    }

    private void publish(AccessUnit au) {
        int track = trackMap[au.track()];
        if (track < 0) {
            au.release();
            counters.framesDropped(1);
            return;
        }
        feed.publish(track == au.track() ? au : retracked(au, track));
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

    /** Releases the units still waiting; the stream itself ends when the publisher's path hears it ended. */
    @Override
    public void close() {
        feed.close();
    }
}
