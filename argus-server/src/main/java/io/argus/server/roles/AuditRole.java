package io.argus.server.roles;

import io.argus.server.audit.AuditLog;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The audit log, shared by the servers that record into it (HTTP, RTSP). Event loops must not block on the
 * database, so what they record is appended on {@link #background()}, which is drained on close.
 */
public final class AuditRole implements AutoCloseable {
    /** How long close waits for appends still queued from event loops. */
    private static final long DRAIN_SECONDS = 10;

    private final AuditLog log;
    private final ExecutorService background;

    /** @param metadata the metadata database, which holds the log */
    public AuditRole(DataSource metadata, Clock clock) {
        log = new AuditLog(metadata, clock);
        background = Executors.newSingleThreadExecutor(r -> new Thread(r, "audit-append"));
    }

    @Override
    public void close() throws InterruptedException {
        background.shutdown();
        background.awaitTermination(DRAIN_SECONDS, TimeUnit.SECONDS);
    }

    public AuditLog log() {
        return log;
    }

    /** One thread, so appends from event loops keep their order. */
    public ExecutorService background() {
        return background;
    }
}
