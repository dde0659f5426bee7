package io.argus.server.roles;

import io.argus.media.snapshot.FfmpegSnapshotRenderer;
import io.argus.media.snapshot.KeyframeGrabber;
import io.argus.media.snapshot.SnapshotCache;
import io.argus.server.Role;
import io.argus.server.api.AccessHandlers;
import io.argus.server.api.CameraTestHandler;
import io.argus.server.api.HttpApi;
import io.argus.server.api.HttpsConnectors;
import io.argus.server.api.IntegrityHandlers;
import io.argus.server.api.LiveHandlers;
import io.argus.server.api.RecordingHandlers;
import io.argus.server.api.MediaHandlers;
import io.argus.server.api.PlaybackHandlers;
import io.argus.server.api.StorageHandlers;
import io.argus.server.api.TimelineHandlers;
import io.argus.server.api.VolumeHandlers;
import io.argus.server.auth.AuthService;
import io.argus.server.auth.PasswordPolicy;
import io.argus.server.auth.MediaUrlSecret;
import io.argus.server.auth.MediaUrlSigner;
import io.argus.server.config.ArgusConfig;
import io.argus.server.metrics.Metrics;
import io.argus.storage.evidence.EvidenceExporter;
import io.argus.storage.evidence.NodeSigningKey;
import io.argus.storage.integrity.ChainVerifier;
import io.argus.storage.playback.ChunkFragments;
import io.argus.storage.playback.Playback;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/** The HTTP server: REST API, health, readiness, metrics, snapshots and signed media URLs on one port. */
public final class HttpRole implements Role {
    private final ArgusConfig config;
    private final MetadataRole metadata;
    private final MediaRole media;
    private final RecordingRole recording;
    private final TlsRole tls;
    private final AuditRole audit;
    private final IntSupplier rtspPort;
    private final Clock clock;
    private final Supplier<Optional<String>> notReady;
    private Metrics metrics;
    private HttpApi api;
    private volatile int port;
    private volatile int httpsPort = -1;
    private LiveHandlers live;

    /** @param rtspPort the RTSP server's bound port, for the {@code rtspUrl} of cameras */
    public HttpRole(ArgusConfig config, MetadataRole metadata, MediaRole media, RecordingRole recording,
                    TlsRole tls, AuditRole audit, IntSupplier rtspPort, Clock clock,
                    Supplier<Optional<String>> notReady) {
        this.tls = tls;
        this.audit = audit;
        this.config = config;
        this.metadata = metadata;
        this.media = media;
        this.recording = recording;
        this.rtspPort = rtspPort;
        this.clock = clock;
        this.notReady = notReady;
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public void start() throws IOException {
        metrics = new Metrics(media.paths(), id -> recording.service().status(id));
        AuthService auth = metadata.auth();
        recording.tiers().bindMetrics(metrics.registry());
        StorageHandlers storage = new StorageHandlers(media.cameras(), recording.tiers().service());
        MediaUrlSigner signer = new MediaUrlSigner(
                MediaUrlSecret.load(config.dataDir(), config.auth().mediaUrlSecret()), clock);
        SnapshotCache snapshots = new SnapshotCache(new FfmpegSnapshotRenderer(), clock, SnapshotCache.DEFAULT_TTL,
                KeyframeGrabber.DEFAULT_WAIT);
        live = new LiveHandlers(media.cameras(), media.paths());
        ChunkFragments fragments = new ChunkFragments(recording.store(), PooledByteBufAllocator.DEFAULT);
        Playback playback = new Playback(recording.recorded(), recording.store(), fragments,
                PooledByteBufAllocator.DEFAULT);
        // Evidence covers closed chunks only: the package's manifest lists their hash chain.
        Playback sealed = new Playback(recording.index(), recording.store(), fragments, PooledByteBufAllocator.DEFAULT);
        NodeSigningKey signingKey = NodeSigningKey.loadOrCreate(config.dataDir());
        api = new HttpApi(config.http(), config.metrics().requireAuth(), auth, media.cameras(), media.paths(),
                metrics, rtspPort, notReady, new MediaHandlers(media.cameras(), media.paths(), snapshots, signer, clock),
                new RecordingHandlers(media.cameras(), recording.service(), clock),
                new PlaybackHandlers(media.cameras(), playback, clock, storage),
                new TimelineHandlers(media.cameras(), recording.recorded(), recording.bookmarks(), clock), live,
                new AccessHandlers(metadata.tenants(), metadata.users(), metadata.roles(), metadata.cameraGroups(),
                        metadata.cameras(), auth, new PasswordPolicy(config.auth().passwordMinLength()), clock),
                new CameraTestHandler(media.cameras(), media.probe()),
                new VolumeHandlers(() -> recording.store().usage(), recording.volumes()), storage,
                new IntegrityHandlers(media.cameras(), new ChainVerifier(recording.index(), recording.store()),
                        new EvidenceExporter(sealed, recording.index(), signingKey, clock), metadata.keys()),
                audit.log(), tls.material() == null ? null : new HttpsConnectors(tls.config(), tls.material()),
                clock);
        try {
            port = api.start();
            httpsPort = api.httpsPort();
        } catch (RuntimeException e) {
            live.close();
            metrics.close();
            throw e;
        }
    }

    @Override
    public void stop() {
        api.stop();
        live.close();
        metrics.close();
    }

    /** The HTTP API (its route tables, for the authorization matrix test). */
    public HttpApi api() {
        return api;
    }

    /** The bound plain HTTP port; -1 when {@code http.plain=off}. */
    public int port() {
        return port;
    }

    /** Every HTTP route as {@code METHOD path} (WebSockets left out), in registration order. */
    public List<String> routes() {
        return api.routes().stream().filter(e -> !e.method().equals("WS")).map(e -> e.method() + " " + e.path())
                .toList();
    }

    /** The bound HTTPS port; -1 without TLS. */
    public int httpsPort() {
        return httpsPort;
    }
}
