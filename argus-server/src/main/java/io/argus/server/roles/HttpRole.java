package io.argus.server.roles;

import io.argus.media.snapshot.FfmpegSnapshotRenderer;
import io.argus.media.snapshot.KeyframeGrabber;
import io.argus.media.snapshot.SnapshotCache;
import io.argus.server.Role;
import io.argus.server.api.ApiModule;
import io.argus.server.api.HttpApi;
import io.argus.server.api.HttpsConnectors;
import io.argus.server.api.access.AccessHandlers;
import io.argus.server.api.audit.AuditHandlers;
import io.argus.server.api.cameras.CameraHandlers;
import io.argus.server.api.cameras.CameraTestHandler;
import io.argus.server.api.integrity.IntegrityHandlers;
import io.argus.server.api.live.LiveHandlers;
import io.argus.server.api.live.MediaHandlers;
import io.argus.server.api.node.NodeHandlers;
import io.argus.server.api.playback.PlaybackHandlers;
import io.argus.server.api.playback.TimelineHandlers;
import io.argus.server.api.recording.RecordingHandlers;
import io.argus.server.api.storage.StorageHandlers;
import io.argus.server.api.storage.VolumeHandlers;
import io.argus.server.auth.AuthService;
import io.argus.server.auth.PasswordPolicy;
import io.argus.server.auth.MediaUrlSecret;
import io.argus.server.auth.MediaUrlSigner;
import io.argus.server.config.ArgusConfig;
import io.argus.server.evidence.EvidenceExporter;
import io.argus.server.evidence.NodeSigningKey;
import io.argus.server.metrics.Metrics;
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
        MediaUrlSigner signer = new MediaUrlSigner(
                MediaUrlSecret.load(config.dataDir(), config.auth().mediaUrlSecret()), clock);
        api = new HttpApi(config.http(), auth, audit.log(), signer, media.cameras()::exists,
                tls.material() == null ? null : new HttpsConnectors(tls.config(), tls.material()), clock,
                modules(auth, signer));
        try {
            port = api.start();
            httpsPort = api.httpsPort();
        } catch (RuntimeException e) {
            live.close();
            metrics.close();
            throw e;
        }
    }

    /**
     * The API's capabilities, in the order their routes are installed (and listed in the OpenAPI document and
     * {@code docs/api.md}). Keeps {@link #live} to close its muxers on stop.
     */
    private List<ApiModule> modules(AuthService auth, MediaUrlSigner signer) throws IOException {
        SnapshotCache snapshots = new SnapshotCache(new FfmpegSnapshotRenderer(), clock, SnapshotCache.DEFAULT_TTL,
                KeyframeGrabber.DEFAULT_WAIT);
        live = new LiveHandlers(media.cameras(), media.paths());
        ChunkFragments fragments = new ChunkFragments(recording.store(), PooledByteBufAllocator.DEFAULT);
        Playback playback = new Playback(recording.recorded(), recording.store(), fragments,
                PooledByteBufAllocator.DEFAULT);
        // Evidence covers closed chunks only: the package's manifest lists their hash chain.
        Playback sealed = new Playback(recording.index(), recording.store(), fragments, PooledByteBufAllocator.DEFAULT);
        NodeSigningKey signingKey = NodeSigningKey.loadOrCreate(config.dataDir());
        StorageHandlers storage = new StorageHandlers(media.cameras(), recording.tiers(), clock);
        return List.of(
                new NodeHandlers(config.metrics().requireAuth(), metrics, media.paths(), notReady),
                new AccessHandlers(metadata.tenants(), metadata.users(), metadata.roles(), metadata.cameraGroups(),
                        metadata.cameras(), auth, new PasswordPolicy(config.auth().passwordMinLength()), clock),
                new CameraHandlers(media.cameras(), rtspPort),
                new CameraTestHandler(media.cameras(), media.probe()),
                new MediaHandlers(media.cameras(), media.paths(), snapshots, signer, clock),
                live,
                new RecordingHandlers(media.cameras(), recording.service(), clock),
                new TimelineHandlers(media.cameras(), recording.recorded(), recording.bookmarks(), clock),
                new PlaybackHandlers(media.cameras(), playback, clock, storage::requireReadable),
                new VolumeHandlers(() -> recording.store().usage(), recording.volumes()),
                storage,
                new IntegrityHandlers(media.cameras(), new ChainVerifier(recording.index(), recording.store()),
                        new EvidenceExporter(sealed, recording.index(), signingKey, clock), metadata.keys()),
                new AuditHandlers(audit.log()));
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
