package io.argus.server.transcode;

import io.argus.media.stream.Stream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One viewer's hold on a shared transcode: while any lease is open, the transcode runs; when the last closes, it
 * stops after {@code transcode.linger}. Close it exactly when the viewer leaves (a second close does nothing).
 */
public final class TranscodeLease implements AutoCloseable {
    private final TranscodeService service;
    private final TranscodeJob job;
    private final AtomicBoolean closed = new AtomicBoolean();

    TranscodeLease(TranscodeService service, TranscodeJob job) {
        this.service = service;
        this.job = job;
    }

    /** Completes with the transcoded stream once its first picture is out; fails if the transcode ended. */
    public CompletableFuture<Stream> stream() {
        return job.live();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            service.leave(job);
        }
    }
}
