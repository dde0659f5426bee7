package io.argus.media.path;

import io.argus.media.codec.MediaFormat;
import io.argus.media.stream.Stream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One connection to a source to see whether it works before a camera is saved: the connectors ingest uses, so
 * the answer is exactly what ingest would meet. The attempt is dropped as soon as media flows (its first packet)
 * or it fails; nothing is published. Failures are in the words a camera's {@code lastError} uses.
 */
public final class SourceProbe {

    /**
     * @param ok            media flowed
     * @param message       for operators: what was found, or why it failed
     * @param tracks        one line per track, e.g. {@code H264 High 1920x1080}
     * @param elapsedMillis from connecting to the answer
     */
    public record Result(boolean ok, String message, List<String> tracks, long elapsedMillis) {
    }

    private final List<SourceConnector> connectors;

    public SourceProbe(List<SourceConnector> connectors) {
        this.connectors = List.copyOf(connectors);
    }

    /** Connects, waits up to {@code timeout} for media or a failure, and hangs up. Blocks the calling thread. */
    public Result probe(SourceConfig source, Duration timeout) {
        long t0 = System.nanoTime();
        SourceConnector connector = connectors.stream().filter(c -> c.supports(source)).findFirst().orElse(null);
        if (connector == null) {
            return new Result(false, "unsupported URL scheme " + source.url().getScheme() + ": use rtsp://",
                    List.of(), 0);
        }
        CompletableFuture<Result> done = new CompletableFuture<>();
        SourceAttempt attempt = connector.connect(source, new SourceListener() {
            @Override
            public Stream onReady(List<MediaFormat> formats, Executor writer) {
                done.complete(new Result(true, "media is flowing", describe(formats), millisSince(t0)));
                return null;
            }

            @Override
            public void onEnded(String reason) {
                done.complete(new Result(false, reason, List.of(), millisSince(t0)));
            }
        }, new SourceCounters());
        try {
            return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new Result(false, "no media within " + timeout.toSeconds() + " s", List.of(), millisSince(t0));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "interrupted", List.of(), millisSince(t0));
        } catch (ExecutionException e) {
            return new Result(false, "the connection test failed", List.of(), millisSince(t0));
        } finally {
            attempt.close();
        }
    }

    private static List<String> describe(List<MediaFormat> formats) {
        List<String> out = new ArrayList<>();
        for (MediaFormat f : formats) {
            VideoInfo v = f.codec().isVideo() ? VideoInfo.of(List.of(f)) : null;
            if (v == null) {
                out.add(f.codec().name());
            } else {
                out.add(v.codec() + (v.profile() == null ? "" : " " + v.profile())
                        + (v.width() > 0 ? " " + v.width() + "x" + v.height() : ""));
            }
        }
        return out;
    }

    private static long millisSince(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }
}
