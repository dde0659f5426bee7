package io.argus.server.roles;

import io.argus.media.snapshot.FfmpegSnapshotRenderer;
import io.argus.media.snapshot.KeyframeGrabber;
import io.argus.media.snapshot.SnapshotCache;
import io.argus.server.Role;
import io.argus.server.api.HttpApi;
import io.argus.server.api.MediaHandlers;
import io.argus.server.auth.AuthService;
import io.argus.server.auth.MediaUrlSecret;
import io.argus.server.auth.MediaUrlSigner;
import io.argus.server.config.ArgusConfig;
import io.argus.server.metrics.Metrics;
import java.time.Clock;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/** The HTTP server: REST API, health, readiness, metrics, snapshots and signed media URLs on one port. */
public final class HttpRole implements Role {
    private final ArgusConfig config;
    private final MetadataRole metadata;
    private final MediaRole media;
    private final IntSupplier rtspPort;
    private final Clock clock;
    private final BooleanSupplier ready;
    private Metrics metrics;
    private HttpApi api;
    private volatile int port;

    /** @param rtspPort the RTSP server's bound port, for the {@code rtspUrl} of cameras */
    public HttpRole(ArgusConfig config, MetadataRole metadata, MediaRole media, IntSupplier rtspPort, Clock clock,
                    BooleanSupplier ready) {
        this.config = config;
        this.metadata = metadata;
        this.media = media;
        this.rtspPort = rtspPort;
        this.clock = clock;
        this.ready = ready;
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public void start() {
        metrics = new Metrics(media.paths());
        AuthService auth = new AuthService(metadata.users(), metadata.tokens(), clock, config.auth().tokenTtl());
        MediaUrlSigner signer = new MediaUrlSigner(
                MediaUrlSecret.load(config.dataDir(), config.auth().mediaUrlSecret()), clock);
        SnapshotCache snapshots = new SnapshotCache(new FfmpegSnapshotRenderer(), clock, SnapshotCache.DEFAULT_TTL,
                KeyframeGrabber.DEFAULT_WAIT);
        api = new HttpApi(config.http(), config.metrics().requireAuth(), auth, media.cameras(), media.paths(),
                metrics, rtspPort, ready, new MediaHandlers(media.cameras(), media.paths(), snapshots, signer, clock));
        try {
            port = api.start();
        } catch (RuntimeException e) {
            metrics.close();
            throw e;
        }
    }

    @Override
    public void stop() {
        api.stop();
        metrics.close();
    }

    /** The bound port. */
    public int port() {
        return port;
    }
}
