package io.argus.storage.record;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.format.fmp4.Fmp4Fragment;
import io.argus.media.codec.format.fmp4.Fmp4FragmentWriter;
import io.argus.media.codec.format.fmp4.Fmp4InitSegment;
import io.argus.media.stream.Stream;
import io.argus.media.stream.StreamConsumer;
import io.argus.media.stream.StreamReader;
import io.argus.storage.chunk.ChunkInfo;
import io.argus.storage.chunk.ChunkKey;
import io.argus.storage.chunk.ChunkPrefix;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.chunk.ChunkWriter;
import io.argus.storage.chunk.OpenChunk;
import io.argus.storage.chunk.StoreFullException;
import io.argus.storage.chunk.Tier;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recording of one live session of a camera: reads the stream on the recorder's event loop and writes chunks.
 * A new session (the camera reconnected) is a new recording; the gap between them stays a gap in the index.
 *
 * <p>Single-threaded: every method runs on the camera's recorder event loop (access units arrive in batches, see
 * {@link Recorder#READ_BATCH}).
 */
final class StreamRecording implements StreamConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(StreamRecording.class);

    /**
     * The reader's queue: about 10 s of 25 fps video. The recorder's thread can stall on a slow disk; units beyond
     * this are skipped to the next keyframe by the stream and counted as dropped. Longer would hold more received
     * video in direct memory than a node of a thousand cameras has (10 s is 2.5 MB a camera at 2 Mbit/s): past that,
     * ingest itself stops for want of buffers, for every camera.
     */
    static final int READER_QUEUE = 256;

    /**
     * Most units a pre-buffer holds: 60 s of 25 fps video with audio. A camera whose keyframes are further apart
     * than that cannot be pre-buffered to a keyframe; it records from the first keyframe after the trigger.
     */
    static final int MAX_PRE_BUFFER_UNITS = 4096;

    private final CameraRecorder camera;
    private final Stream stream;
    private final int primary;
    private final int timescale;
    private final long maxFragmentTicks;
    private StreamReader reader;
    private boolean ended;

    private ChunkWriter chunk;
    private Fmp4FragmentWriter writer;
    private List<MediaFormat> chunkFormats;
    private long chunkStartMicros;
    private long chunkFirstDts;
    private long chunkEndDts;
    private long fragmentFirstDts = Long.MIN_VALUE;
    private long anchorDts = Long.MIN_VALUE;
    private long anchorWallMicros;
    private long nextRoomCheckNanos;
    private long nextSyncNanos;
    private final ArrayDeque<AccessUnit> preBuffer = new ArrayDeque<>();
    private long armedUntilMicros;
    private long lastPrimaryWallMicros;

    StreamRecording(CameraRecorder camera, Stream stream) {
        this.camera = camera;
        this.stream = stream;
        List<MediaFormat> formats = stream.formats();
        int video = -1;
        for (int i = 0; i < formats.size() && video < 0; i++) {
            video = formats.get(i).codec().isVideo() ? i : -1;
        }
        this.primary = Math.max(video, 0);
        this.timescale = formats.get(primary).clockRate();
        this.maxFragmentTicks = camera.config().maxFragment().toNanos() * timescale / 1_000_000_000L;
    }

    void start() {
        reader = stream.attach(this, camera.reads(), READER_QUEUE);
    }

    /** Wall time (µs since the epoch) of a decode time on the primary track. */
    private long wallOf(long dts) {
        return anchorWallMicros + (dts - anchorDts) * 1_000_000 / timescale;
    }

    @Override
    public void onAccessUnit(AccessUnit au) {
        if (ended) {
            au.release();
            return;
        }
        if (anchorDts == Long.MIN_VALUE) {
            if (au.track() != primary) {
                au.release();
                return;
            }
            anchorDts = au.dts();
            anchorWallMicros = camera.wallMicros() - (camera.nanoTime() - au.receivedNanos()) / 1000;
        }
        switch (camera.settings().mode()) {
            case CONTINUOUS -> write(au);
            case EVENTS -> event(au);
            case OFF -> {
                finishChunk();
                au.release();
                camera.state(RecordingState.OFF, null);
            }
        }
    }

    /** Events mode: write while armed, else keep a pre-buffer that starts on a keyframe. */
    private void event(AccessUnit au) {
        if (au.track() == primary) {
            lastPrimaryWallMicros = wallOf(au.dts());
        }
        if (lastPrimaryWallMicros <= armedUntilMicros) {
            while (!preBuffer.isEmpty()) {
                write(preBuffer.poll());
            }
            write(au);
            return;
        }
        finishChunk();
        camera.state(RecordingState.ARMED, null);
        if (isKey(au)) {
            trimPreBuffer(lastPrimaryWallMicros - camera.settings().preBuffer().toNanos() / 1000);
        }
        if (preBuffer.isEmpty() && !isKey(au) || preBuffer.size() >= MAX_PRE_BUFFER_UNITS) {
            au.release();
            return;
        }
        preBuffer.add(au);
    }

    /** Drops whole GOPs from the front while the next keyframe is still older than {@code keepFromMicros}. */
    private void trimPreBuffer(long keepFromMicros) {
        for (;;) {
            AccessUnit next = null;
            boolean first = true;
            for (AccessUnit u : preBuffer) {
                if (!first && isKey(u)) {
                    next = u;
                    break;
                }
                first = false;
            }
            if (next == null || wallOf(next.dts()) > keepFromMicros) {
                return;
            }
            while (preBuffer.peek() != next) {
                preBuffer.poll().release();
            }
        }
    }

    /**
     * Events mode: record from the pre-buffer until {@code untilMicros} (wall time), and at least {@code postMicros}
     * past the latest unit received (a late trigger).
     */
    void arm(long untilMicros, long postMicros) {
        armedUntilMicros = Math.max(armedUntilMicros, Math.max(untilMicros, lastPrimaryWallMicros + postMicros));
    }

    private boolean isKey(AccessUnit au) {
        return au.keyframe() && au.track() == primary;
    }

    /** <b>Takes ownership</b> of {@code au}. */
    private void write(AccessUnit au) {
        boolean key = isKey(au);
        if (chunk == null) {
            if (!key || !openChunk(au)) {
                if (au.track() == primary && camera.state() != RecordingState.STARTING) {
                    camera.dropped(1);
                }
                au.release();
                return;
            }
        } else if (key) {
            flushFragment(au.dts());
            if (!stream.formats().equals(chunkFormats)
                    || wallOf(au.dts()) - chunkStartMicros >= camera.config().chunkDuration().toNanos() / 1000) {
                finishChunk();
                if (!openChunk(au)) {
                    camera.dropped(1);
                    au.release();
                    return;
                }
            }
        } else if (au.track() == primary && fragmentFirstDts != Long.MIN_VALUE
                && au.dts() - fragmentFirstDts >= maxFragmentTicks) {
            flushFragment(au.dts());
        }
        if (chunk == null) {
            camera.dropped(au.track() == primary ? 1 : 0);
            au.release();
            return;
        }
        boolean primarySample = au.track() == primary;
        long dts = au.dts();
        if (writer.add(au)) {
            if (primarySample) {
                fragmentFirstDts = fragmentFirstDts == Long.MIN_VALUE ? dts : fragmentFirstDts;
                camera.recorded(1);
            }
        } else if (primarySample) {
            camera.dropped(1);
        }
    }

    /** Starts a chunk at keyframe {@code au}; false (and a state saying why) when it cannot. */
    private boolean openChunk(AccessUnit au) {
        if (ended) {
            // Ended while the previous chunk was indexed (the index fenced the camera out): no chunk after it.
            return false;
        }
        List<MediaFormat> formats = stream.formats();
        if (camera.state() == RecordingState.PAUSED_DISK_FULL) {
            long now = camera.nanoTime();
            if (now < nextRoomCheckNanos) {
                return false;
            }
            nextRoomCheckNanos = now + camera.config().roomCheck().toNanos();
            if (!camera.store().hasRoom()) {
                return false;
            }
        }
        Fmp4InitSegment init;
        try {
            init = Fmp4InitSegment.write(formats, PooledByteBufAllocator.DEFAULT);
        } catch (IllegalArgumentException e) {
            camera.state(RecordingState.STARTING, "waiting for parameter sets: " + e.getMessage());
            return false;
        }
        long startMicros = wallOf(au.dts());
        ChunkKey key = new ChunkKey(camera.tenant(), camera.camera(), Instant.ofEpochSecond(
                Math.floorDiv(startMicros, 1_000_000), Math.floorMod(startMicros, 1_000_000) * 1000L));
        try {
            chunk = camera.store().create(key);
            chunk.append(init.content());
            writer = new Fmp4FragmentWriter(init.tracks(), PooledByteBufAllocator.DEFAULT);
        } catch (StoreFullException e) {
            abortChunk();
            nextRoomCheckNanos = camera.nanoTime() + camera.config().roomCheck().toNanos();
            camera.state(RecordingState.PAUSED_DISK_FULL, "no volume has room: " + e.getMessage());
            return false;
        } catch (IOException e) {
            abortChunk();
            camera.state(RecordingState.FAILED, "cannot start a chunk: " + e.getMessage());
            return false;
        } finally {
            init.release();
        }
        chunkFormats = formats;
        chunkStartMicros = startMicros;
        chunkFirstDts = au.dts();
        chunkEndDts = au.dts();
        fragmentFirstDts = Long.MIN_VALUE;
        nextSyncNanos = camera.nanoTime() + camera.config().syncInterval().toNanos();
        camera.state(RecordingState.RECORDING, null);
        return true;
    }

    private void abortChunk() {
        if (chunk != null) {
            chunk.abort();
            chunk = null;
        }
        if (writer != null) {
            writer.close();
            writer = null;
        }
    }

    /** Writes and syncs what is pending as one fragment; {@code nextDts} is the primary track's next sample. */
    private void flushFragment(long nextDts) {
        if (writer == null || !writer.hasPending()) {
            return;
        }
        Fmp4Fragment f = nextDts != Long.MIN_VALUE && writer.pendingSamples(primary) > 0
                ? writer.flush(primary, nextDts) : writer.flush();
        fragmentFirstDts = Long.MIN_VALUE;
        try {
            chunk.append(f.content());
            syncIfDue();
            Fmp4Fragment.Run run = f.run(primary);
            if (run != null) {
                chunkEndDts = run.baseMediaDecodeTime() + run.duration();
            }
            camera.wrote(f.content().readableBytes());
            publish();
        } catch (IOException e) {
            Fmp4Fragment.Run run = f.run(primary);
            camera.dropped(run == null ? 0 : run.samples());
            boolean full = !camera.store().hasRoom();
            LOG.warn("camera {}: writing a fragment failed ({}); closing the chunk", camera.camera(), e.getMessage());
            finishChunk();
            nextRoomCheckNanos = camera.nanoTime() + camera.config().roomCheck().toNanos();
            camera.state(full ? RecordingState.PAUSED_DISK_FULL : RecordingState.FAILED,
                    (full ? "disk full: " : "write failed: ") + e.getMessage());
        } finally {
            f.release();
        }
    }

    /**
     * Publishes the chunk as written so far for playback ({@link io.argus.storage.chunk.OpenChunks}): every fragment
     * is whole once appended, and a killed process loses none of it (the kernel has it), so playback reaches up to
     * the fragment just written, about a second behind live.
     */
    private void publish() {
        if (chunkEndDts != chunkFirstDts) {
            ChunkPrefix written = chunk.written();
            camera.open(new OpenChunk(ChunkRecord.of(written.info(), chunkEnd(), chunkFormats.get(primary).codec()
                    .name(), Tier.HOT, camera.previous()), written));
        }
    }

    /**
     * The wall time the chunk ends at: the next chunk's start, computed the same way (wall time of the same dts, to
     * the millisecond of the chunk key), so consecutive chunks touch exactly and the index shows no gap.
     */
    private Instant chunkEnd() {
        return Instant.ofEpochMilli(Math.floorDiv(wallOf(chunkEndDts), 1000));
    }

    /** Forces the chunk to the disk when the sync interval has passed since the last time (closing syncs anyway). */
    private void syncIfDue() throws IOException {
        long interval = camera.config().syncInterval().toNanos();
        long now = camera.nanoTime();
        if (interval > 0 && now - nextSyncNanos >= 0) {
            chunk.sync();
            nextSyncNanos = now + interval;
        }
    }

    /** Writes what is pending, closes the chunk and indexes it (finish, index, publish: see ChunkWriter). */
    private void finishChunk() {
        if (chunk == null) {
            return;
        }
        flushFragment(Long.MIN_VALUE);
        if (chunk == null) {
            return;
        }
        writer.close();
        writer = null;
        ChunkWriter w = chunk;
        chunk = null;
        if (chunkEndDts == chunkFirstDts) {
            w.abort();
            camera.open(null);
            return;
        }
        ChunkInfo info;
        try {
            info = w.finish();
        } catch (IOException | RuntimeException e) {
            LOG.warn("camera {}: closing a chunk failed: {}", camera.camera(), e.toString());
            camera.state(RecordingState.FAILED, "closing a chunk failed: " + e.getMessage());
            w.abort();
            camera.open(null);
            return;
        }
        camera.finished(w, info, chunkEnd(), chunkFormats.get(primary).codec().name());
        // Only now, indexed (or left for recovery) under its location: playback looks here first, then in the index.
        camera.open(null);
    }

    /** Ends this recording now (settings off, camera removed, node stopping): writes and indexes what it has. */
    void end() {
        if (!ended) {
            ended = true;
            finishChunk();
            releasePreBuffer();
            if (reader != null) {
                reader.close();
            }
        }
    }

    private void releasePreBuffer() {
        for (AccessUnit u = preBuffer.poll(); u != null; u = preBuffer.poll()) {
            u.release();
        }
    }

    /** Units the stream skipped because this recorder fell behind (a slow disk). */
    long skippedByStream() {
        return reader == null ? 0 : reader.dropped();
    }

    @Override
    public void onClose() {
        end();
        camera.sessionEnded(this);
    }
}
