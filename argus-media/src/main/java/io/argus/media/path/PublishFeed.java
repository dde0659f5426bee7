package io.argus.media.path;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.MediaFormat;
import io.argus.media.stream.Stream;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * A pushed publish's way into its path's {@link Stream}, for ingests whose tracks are learned from the media itself
 * (RTMP's sequence headers, MPEG-TS's PMT and first frames): units wait here until the ingest knows every track's
 * format, at most {@link #MAX_WAITING_UNITS}, then the stream goes live and they follow in order.
 *
 * <p>Single-threaded: the connection's writer thread, which is the stream's.
 */
public final class PublishFeed implements AutoCloseable {
    /**
     * Units held while a track waits for its format: about 2.5 s of 25 fps video with AAC audio. Encoders send every
     * format within the first frames.
     */
    public static final int MAX_WAITING_UNITS = 128;

    private final SourceCounters counters;
    private final SourceListener publisher;
    private final Executor writer;
    private final Consumer<String> failure;
    private final ArrayDeque<AccessUnit> waiting = new ArrayDeque<>();
    private Stream stream;
    private boolean closed;

    /**
     * @param writer  the connection's thread: the stream's writer thread
     * @param failure told, once, why the publish cannot go on (the path no longer takes it, the media cannot be
     *                carried)
     */
    public PublishFeed(SourceCounters counters, SourceListener publisher, Executor writer, Consumer<String> failure) {
        this.counters = counters;
        this.publisher = publisher;
        this.writer = writer;
        this.failure = failure;
        counters.timestampFault(null);
    }

    /** Whether the stream is live. */
    public boolean live() {
        return stream != null;
    }

    /** Whether the publish is over (closed or failed): units given now are released. */
    public boolean closed() {
        return closed;
    }

    /** The live stream, or null before {@link #goLive}. */
    public Stream stream() {
        return stream;
    }

    /** Holds a unit until the stream is live. <b>Takes ownership</b> of {@code au}. */
    public void hold(AccessUnit au) {
        waiting.add(au);
    }

    /** Whether more units wait than {@link #MAX_WAITING_UNITS}: time to go live without the tracks still unknown. */
    public boolean waitedTooLong() {
        return waiting.size() > MAX_WAITING_UNITS;
    }

    /**
     * Makes the stream live with these tracks and hands each waiting unit to {@code route}, in order. Fails the
     * publish (and returns false) when the path no longer takes it.
     */
    public boolean goLive(List<MediaFormat> formats, Consumer<AccessUnit> route) {
        stream = publisher.onReady(formats, writer);
        if (stream == null) {
            dropWaiting();
            fail("the camera no longer takes this publisher");
            return false;
        }
        while (!waiting.isEmpty()) {
            route.accept(waiting.poll());
        }
        return true;
    }

    /** Publishes a unit on its track of the live stream. <b>Takes ownership</b> of {@code au}. */
    public void publish(AccessUnit au) {
        if (au.codec().isVideo()) {
            counters.frame();
        }
        stream.publish(au);
    }

    /** Ends the publish and tells why, once. */
    public void fail(String reason) {
        if (!closed) {
            close();
            failure.accept(reason);
        }
    }

    /** Releases the waiting units, counted as dropped frames. */
    public void dropWaiting() {
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
