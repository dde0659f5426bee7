package io.argus.server.roles;

import io.argus.server.Role;
import io.argus.server.audit.AuditLog;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The audit log, shared by the servers that record into it (HTTP, RTSP). Event loops must not block on the
 * database, so what they record is appended on {@link #background()}, which the role drains on stop.
 */
public final class AuditRole implements Role {
    /** How long stop waits for appends still queued from event loops. */
    private static final long DRAIN_SECONDS = 10;

    private final MetadataRole metadata;
    private final Clock clock;
    private AuditLog log;
    private ExecutorService background;

    public AuditRole(MetadataRole metadata, Clock clock) {
        this.metadata = metadata;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "audit";
    }

    @Override
    public void start() {
        log = new AuditLog(metadata.database().dataSource(), clock);
        background = Executors.newSingleThreadExecutor(r -> new Thread(r, "audit-append"));
    }

    @Override
    public void stop() throws InterruptedException {
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
