package io.argus.server.roles;

import io.argus.media.path.PathManager;
import io.argus.media.srt.Srt;
import io.argus.media.srt.SrtServer;
import io.argus.media.srt.SrtServerConfig;
import io.argus.server.auth.AuthService;
import io.argus.server.auth.SessionRechecks;
import io.argus.server.camera.CameraService;
import io.argus.server.config.SrtConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Optional;

/**
 * SRT ingest: callers publish MPEG-TS to {@code srt://host:port?streamid=#!::r=<camera>,m=publish,u=…,s=…} (with
 * the node's passphrase when one is set); a new name creates the camera, as an RTSP or RTMP publisher's does.
 */
public final class SrtRole implements AutoCloseable {
    private final RtspAccess access;
    private final SrtServer server;

    /** @param host the bind address (the HTTP one: one node, one address) */
    public SrtRole(SrtConfig config, Srt srt, String host, PathManager paths, CameraService cameras,
                   AuthService auth, AuditRole audit, SessionRechecks rechecks, Clock clock) {
        access = new RtspAccess("srt", false, auth, cameras, audit, rechecks, Optional.empty(), clock);
        try {
            server = new SrtServer(srt, new SrtServerConfig(host, config.port(), config.passphrase(),
                    config.keyLength()), paths, new SrtAccess(access));
            server.start();
        } catch (IOException e) {
            access.close();
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** The bound UDP port (the configured one, or the one picked for port 0). */
    public int port() {
        return server.port();
    }

    /** Callers refused since start (streamid, credentials, rights, cameras that take no publisher). */
    public long publishesRefused() {
        return server.publishesRefused();
    }

    /** Publishes ended since start because their credential or right was taken back. */
    public long publishesRevoked() {
        return access.sessionsRevoked();
    }

    @Override
    public void close() {
        server.close();
        access.close();
    }
}
