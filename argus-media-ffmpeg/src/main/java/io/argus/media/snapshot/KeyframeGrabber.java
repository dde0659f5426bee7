package io.argus.media.snapshot;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.Codec;
import io.argus.media.codec.MediaFormat;
import io.argus.media.stream.Stream;
import io.argus.media.stream.StreamConsumer;
import io.argus.media.stream.StreamReader;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Takes the latest keyframe of a live stream with a short-lived reader: attach (the stream replays its cached
 * GOP, which starts at the keyframe), retain the first video keyframe, detach. The stream never waits for the
 * caller: the reader's consumer only retains the unit and hands it over, and the caller decodes on its own
 * thread.
 */
public final class KeyframeGrabber {

    /**
     * The reader's queue. It is drained on the writer thread as units are offered (the consumer does not
     * block), so it never holds more than one unit; the reader is closed right after the keyframe anyway.
     */
    static final int QUEUE_CAPACITY = 8;

    /**
     * How long to wait for a keyframe when the stream has none cached (it went live mid-GOP, or its GOP
     * outgrew the cache): one 10 s GOP, the longest the GOP cache is sized for ({@link Stream#MAX_GOP_UNITS}).
     */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);

    private KeyframeGrabber() {
    }

    /**
     * The stream's latest video keyframe, or the next one if none is cached. The caller owns the result and
     * must close it.
     *
     * @throws SnapshotException {@code NO_KEYFRAME} when none comes within {@code wait} or the stream ends,
     *                           {@code UNSUPPORTED} when the stream has no H.264/H.265 track
     */
    public static LiveKeyframe grab(Stream stream, Duration wait) throws SnapshotException, InterruptedException {
        int track = videoTrack(stream.formats());
        if (track < 0) {
            throw new SnapshotException(SnapshotException.Reason.UNSUPPORTED,
                    "the camera sends no H.264 or H.265 video");
        }
        CompletableFuture<LiveKeyframe> result = new CompletableFuture<>();
        StreamReader reader = stream.attach(new Taker(stream, track, result), Runnable::run, QUEUE_CAPACITY);
        LiveKeyframe got = null;
        try {
            got = result.get(wait.toNanos(), TimeUnit.NANOSECONDS);
            return got;
        } catch (TimeoutException e) {
            throw new SnapshotException(SnapshotException.Reason.NO_KEYFRAME,
                    "no keyframe from the camera within " + wait.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new SnapshotException(SnapshotException.Reason.NO_KEYFRAME,
                    "the live stream ended before a keyframe came");
        } finally {
            reader.close();
            // A keyframe handed over after the caller gave up (timeout, interrupt) is released here; one handed
            // over after this cancel is released by the taker, whose complete() then fails.
            if (got == null && !result.cancel(false) && result.state() == Future.State.SUCCESS) {
                result.resultNow().close();
            }
        }
    }

    private static int videoTrack(List<MediaFormat> formats) {
        for (int i = 0; i < formats.size(); i++) {
            Codec c = formats.get(i).codec();
            if (c == Codec.H264 || c == Codec.H265) {
                return i;
            }
        }
        return -1;
    }

    /** Runs on the stream's writer thread (the reader's executor is the caller of offer): retain and hand over. */
    private static final class Taker implements StreamConsumer {
        private final Stream stream;
        private final int track;
        private final CompletableFuture<LiveKeyframe> result;
        private boolean taken;

        Taker(Stream stream, int track, CompletableFuture<LiveKeyframe> result) {
            this.stream = stream;
            this.track = track;
            this.result = result;
        }

        @Override
        public void onAccessUnit(AccessUnit au) {
            try {
                if (!taken && au.track() == track && au.keyframe()) {
                    taken = true;
                    LiveKeyframe k = new LiveKeyframe(stream.formats().get(track), au.retain());
                    if (!result.complete(k)) {
                        k.close();
                    }
                }
            } finally {
                au.release();
            }
        }

        @Override
        public void onClose() {
            result.completeExceptionally(new IllegalStateException("stream closed"));
        }
    }
}
