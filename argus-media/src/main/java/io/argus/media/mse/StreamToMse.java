package io.argus.media.mse;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.format.fmp4.Fmp4FragmentWriter;
import io.argus.media.codec.format.fmp4.Fmp4InitSegment;
import io.argus.media.stream.Stream;
import io.argus.media.stream.StreamConsumer;
import io.argus.media.stream.StreamReader;
import io.netty.buffer.ByteBufAllocator;
import java.util.concurrent.Executor;

/**
 * One MSE viewer of a live stream: the init segment at the first keyframe (the stream's cached one, so the first
 * picture goes out at once), then one fragment per access unit, its payload retained slices of the unit's
 * buffers. Every method but {@link #close()}, {@link #resume()} and the counters runs on the feed's loop.
 */
public final class StreamToMse implements StreamConsumer {
    /**
     * The reader's queue while the sink is not writable: 64 units, ~2.5 s at 25 fps. Beyond that the stream skips
     * this viewer to the next keyframe; a shorter queue skips on every hiccup, a longer one lets latency grow.
     */
    public static final int READER_QUEUE = 64;

    private final Stream stream;
    private final MseSink sink;
    private final ByteBufAllocator alloc;
    private volatile StreamReader reader;
    private Fmp4FragmentWriter writer;
    private volatile boolean ended;
    private volatile long fragments;

    StreamToMse(Stream stream, MseSink sink, ByteBufAllocator alloc) {
        this.stream = stream;
        this.sink = sink;
        this.alloc = alloc;
    }

    void start(Executor loop) {
        reader = stream.attach(this, loop, READER_QUEUE);
        if (ended) {
            reader.close();
        }
    }

    @Override
    public void onAccessUnit(AccessUnit au) {
        if (ended || writer == null && !begin(au)) {
            au.release();
            return;
        }
        try {
            if (writer.add(au)) {
                sink.fragment(writer.flush().content());
                fragments++;
            }
        } catch (IllegalArgumentException e) {
            end("the camera's format changed; reconnect");
        }
    }

    /** The first unit the reader gives is a GOP's keyframe: write the init segment from the formats known now. */
    private boolean begin(AccessUnit au) {
        Fmp4InitSegment init;
        try {
            init = Fmp4InitSegment.write(stream.formats(), alloc);
        } catch (IllegalArgumentException e) {
            end("the camera's parameter sets are unknown: " + e.getMessage());
            return false;
        }
        writer = new Fmp4FragmentWriter(init.tracks(), alloc);
        sink.start(init.codecs(), init.content());
        return true;
    }

    @Override
    public boolean isReady() {
        return sink.isWritable();
    }

    @Override
    public void onClose() {
        end("the camera's stream ended");
    }

    private void end(String reason) {
        if (ended) {
            return;
        }
        ended = true;
        if (writer != null) {
            writer.close();
        }
        close();
        sink.end(reason);
    }

    /** The sink drained: read on. Any thread. */
    public void resume() {
        StreamReader r = reader;
        if (r != null) {
            r.resume();
        }
    }

    /** The viewer left: stop reading; queued units are released and {@link MseSink#end} follows. Any thread. */
    public void close() {
        StreamReader r = reader;
        if (r != null) {
            r.close();
        }
    }

    /** Units skipped because the sink was not writable (the stream's skip to the next keyframe). */
    public long skipped() {
        StreamReader r = reader;
        return r == null ? 0 : r.dropped();
    }

    /** Fragments handed to the sink. */
    public long fragments() {
        return fragments;
    }
}
