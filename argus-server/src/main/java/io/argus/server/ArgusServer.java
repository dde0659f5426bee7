package io.argus.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.argus.media.path.PathManager;
import io.argus.metadata.TenantScope;
import io.argus.media.snapshot.FfmpegSnapshotRenderer;
import io.argus.media.snapshot.KeyframeGrabber;
import io.argus.media.snapshot.SnapshotCache;
import io.argus.media.transcode.Hardware;
import io.argus.metadata.OnvifDeviceRepository;
import io.argus.server.api.ApiModule;
import io.argus.server.api.HttpApi;
import io.argus.server.api.HttpsConnectors;
import io.argus.server.alerts.Alerts;
import io.argus.server.analytics.EventHub;
import io.argus.server.api.Json;
import io.argus.server.api.access.AccessHandlers;
import io.argus.server.api.alerts.WebhookHandlers;
import io.argus.server.api.analytics.AnalyticsHandlers;
import io.argus.server.api.audit.AuditHandlers;
import io.argus.server.api.cameras.CameraHandlers;
import io.argus.server.api.cameras.CameraTestHandler;
import io.argus.server.api.cluster.ClusterHandlers;
import io.argus.server.api.events.EventResponse;
import io.argus.server.api.events.EventsHandlers;
import io.argus.server.api.integrity.IntegrityHandlers;
import io.argus.server.api.live.LiveHandlers;
import io.argus.server.api.webrtc.PublishUrlHandlers;
import io.argus.server.api.webrtc.WhepHandlers;
import io.argus.server.api.webrtc.WhipHandlers;
import io.argus.server.api.live.MediaHandlers;
import io.argus.server.api.node.NodeHandlers;
import io.argus.server.api.onvif.OnvifHandlers;
import io.argus.server.api.onvif.PtzHandlers;
import io.argus.server.api.playback.PlaybackHandlers;
import io.argus.server.api.playback.TimelineHandlers;
import io.argus.server.api.recording.RecordingHandlers;
import io.argus.server.api.storage.StorageHandlers;
import io.argus.server.api.storage.VolumeHandlers;
import io.argus.server.api.transcode.TranscodeHandlers;
import io.argus.server.auth.MediaUrlSecret;
import io.argus.server.auth.MediaUrlSigner;
import io.argus.server.auth.NodeTokenSigner;
import io.argus.server.auth.PasswordPolicy;
import io.argus.server.auth.SessionRechecks;
import io.argus.server.cluster.CameraChangeReceiver;
import io.argus.server.cluster.EventRelay;
import io.argus.server.cluster.LiveRelays;
import io.argus.server.cluster.ShardFollower;
import io.argus.server.config.ArgusConfig;
import io.argus.server.metrics.Metrics;
import io.argus.server.onvif.JdbcOnvifEventStore;
import io.argus.server.onvif.OnvifEventsToHub;
import io.argus.server.onvif.OnvifService;
import io.argus.server.roles.AnalyticsRole;
import io.argus.server.metrics.WebRtcMetrics;
import io.argus.server.metrics.WhipMetrics;
import io.argus.server.roles.AuditRole;
import io.argus.server.roles.ClusterRole;
import io.argus.server.camera.CameraOwnership;
import io.argus.cluster.shard.Shards;
import io.argus.server.roles.DataDir;
import io.argus.server.roles.MediaRole;
import io.argus.server.roles.MetadataRole;
import io.argus.server.roles.RecordingRole;
import io.argus.server.roles.RtmpRole;
import io.argus.server.roles.WebRtcRole;
import io.argus.server.roles.RtspRole;
import io.argus.server.roles.SrtMetrics;
import io.argus.server.roles.SrtRole;
import io.argus.server.tls.TlsMaterial;
import io.argus.server.transcode.TranscodeService;
import io.argus.storage.chunk.RecordedChunks;
import io.argus.storage.crypto.SecretBox;
import io.argus.storage.event.Event;
import io.argus.storage.evidence.EvidenceExporter;
import io.argus.storage.evidence.NodeSigningKey;
import io.argus.storage.integrity.ChainVerifier;
import io.argus.storage.playback.ChunkFragments;
import io.argus.storage.playback.Playback;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Argus node, and its composition root: the constructor makes each part of the node from the configuration and
 * the parts made before it, in start order, passing each exactly what it uses; {@link #close} closes them in
 * reverse ({@link Lifecycle}). A part exists only started: nothing hands out a half-made one.
 *
 * <p>Tests start one on free ports with {@code ArgusServer.start(ArgusConfig.ephemeral(tempDir, Map.of()))}
 * and read the bound port from {@link #httpPort()}.
 */
public final class ArgusServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ArgusServer.class);

    private final Lifecycle lifecycle = new Lifecycle();
    private final MediaRole media;
    private final RecordingRole recording;
    private final RtspRole rtsp;
    private final Optional<RtmpRole> rtmp;
    private final Optional<SrtRole> srt;
    private final ClusterRole cluster;
    private final Optional<WebRtcRole> webrtc;
    private final HttpApi http;
    private final EventHub events;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean ready;

    private ArgusServer(ArgusConfig config, Clock clock) {
        Lifecycle s = lifecycle;
        s.start("data-dir", () -> {
            DataDir.prepare(config.dataDir(), config.recording().dirs());
            return null;
        });
        MetadataRole metadata = s.start("metadata",
                () -> MetadataRole.open(config.dataDir(), config.metadata(), config.auth(), config.crypto(),
                        clock));
        AuditRole audit = s.start("audit", () -> new AuditRole(metadata.database().dataSource(), clock));
        // One re-check of open sessions (live sockets, RTSP and RTMP sessions) for the node.
        SessionRechecks rechecks = s.start("rechecks", SessionRechecks::new);
        Optional<TlsMaterial> tls = s.start("tls", () -> config.tls().enabled()
                ? Optional.of(TlsMaterial.load(config.tls(), config.dataDir())) : Optional.<TlsMaterial>empty());
        // A single node owns every camera from the start; a cluster's node owns those its shards bring (step cluster).
        CameraOwnership ownership = config.cluster().clustered()
                ? CameraOwnership.cluster(new Shards(config.cluster().shards()))
                : CameraOwnership.everything(new Shards(config.cluster().shards()));
        media = s.start("media", () -> new MediaRole(config.ingest(), metadata.cameras(), ownership,
                () -> ownPorts(config), clock));
        recording = s.start("recording", () -> new RecordingRole(config.recording(), config.storage(),
                metadata.database(), metadata.keys(), metadata.recordingSettings(), media.cameras(),
                writerNode(config), clock));
        AnalyticsRole analytics = s.start("analytics", () -> new AnalyticsRole(config.analytics(),
                metadata.database().dataSource(), media.cameras(), recording, clock));
        // Other nodes' tokens for relays and reads through this node (a cluster's secret; none alone).
        Optional<NodeTokenSigner> nodeTokens = config.cluster().clustered()
                ? Optional.of(new NodeTokenSigner(config.cluster().secret(), clock)) : Optional.empty();
        rtsp = s.start("rtsp", () -> new RtspRole(config.rtsp(), config.http().host(), media.paths(), media.cameras(),
                metadata.auth(), tls, config.tls().rtspsPort(), audit, config.auth().rtspAnonymousRead(), rechecks,
                nodeTokens, clock));
        // Null when disabled, so that Lifecycle closes the role only when there is one.
        rtmp = Optional.ofNullable(s.start("rtmp", () -> config.rtmp().enabled() ? new RtmpRole(config.rtmp(),
                config.http().host(), media.paths(), media.cameras(), metadata.auth(), tls, audit, rechecks, clock)
                : null));
        srt = Optional.ofNullable(s.start("srt", () -> config.srt().enabled() && media.srt().isPresent()
                ? new SrtRole(config.srt(), media.srt().get(), config.http().host(), media.paths(), media.cameras(),
                        metadata.auth(), audit, rechecks, clock) : null));
        TranscodeService transcodes = s.start("transcode",
                () -> new TranscodeService(config.transcode(), config.transcode().maxJobs() == 0 ? Hardware.NONE
                        : Hardware.probe()));
        cluster = s.start("cluster", () -> new ClusterRole(config.cluster(), media.paths(), audit.log(),
                () -> ready ? httpPort() : config.http().port(), rtsp::port, clock,
                new ShardFollower(media.cameras())));
        s.start("camera-changes", () -> new CameraChangeReceiver(cluster.bus(), cluster.node(), media.cameras(),
                recording.service(), analytics.service()));
        // Live view of cameras another node owns, relayed from it (cluster mode only: alone, this node owns all).
        Optional<LiveRelays> relays = nodeTokens.map(t -> s.start("relays", () -> new LiveRelays(media.paths(),
                cluster::owns, cluster::ownerOf, media.cameras()::tenantOf, cluster.node(), t,
                config.cluster().relayIdle())));
        webrtc = Optional.ofNullable(s.start("webrtc", () -> config.webrtc().enabled()
                ? new WebRtcRole(config.webrtc()) : null));
        Metrics metrics = s.start("metrics", () -> {
            Metrics m = new Metrics(media.paths(), id -> recording.service().status(id));
            recording.tiers().bindMetrics(m.registry());
            recording.bindMetrics(m.registry());
            media.srt().ifPresent(srtLib -> SrtMetrics.bind(srtLib.connections(), m.registry()));
            transcodes.bindMetrics(m.registry());
            cluster.bindMetrics(m.registry());
            relays.ifPresent(r -> r.bindMetrics(m.registry()));
            webrtc.ifPresent(w -> WebRtcMetrics.bind(m.registry(), w.server()));
            webrtc.ifPresent(w -> WhipMetrics.bind(m.registry(), w.server()));
            return m;
        });
        events = analytics.events();
        Alerts alerts = s.start("alerts", () -> new Alerts(config.alerts(), metadata.database().dataSource(),
                new SecretBox(metadata.keys().ring()), analytics.events(), ArgusServer::eventJson, metrics.registry(),
                clock));
        // The node's events to the other nodes' live streams, and theirs to this node's.
        s.start("event-relay", () -> new EventRelay(cluster.bus(), cluster.node(), analytics.events()));
        LiveHandlers live = s.start("live", () -> new LiveHandlers(media.cameras(), media.paths(), rechecks,
                transcodes));
        OnvifService onvif = s.start("onvif", () -> {
            OnvifDeviceRepository devices = new OnvifDeviceRepository(metadata.database().dataSource(),
                    new SecretBox(metadata.keys().ring()));
            OnvifService o = new OnvifService(devices, media.cameras(), new OnvifEventsToHub(
                    new JdbcOnvifEventStore(devices, clock), devices, analytics.events()), clock);
            o.start();
            return o;
        });
        http = s.start("http", () -> {
            HttpApi api = httpApi(config, metadata, media, recording, analytics, audit, tls, metrics, live, transcodes,
                    onvif, alerts, rechecks, () -> ready ? metadata.problem() : Optional.of("starting or stopping"), clock);
            api.start();
            return api;
        });
        ready = true;
        LOG.info("Argus is up: HTTP on port {}, RTSP on port {}{}{}{}", httpPort(), rtspPort(), httpsPort() < 0 ? ""
                : ", HTTPS on port " + httpsPort() + ", RTSPS on port " + rtspsPort(), rtmpPort() < 0 ? ""
                : ", RTMP on port " + rtmpPort() + (rtmpsPort() < 0 ? "" : ", RTMPS on port " + rtmpsPort()),
                srtPort() < 0 ? "" : ", SRT on port " + srtPort() + "/udp");
    }

    /**
     * The REST API: its capabilities, each given the parts it serves, in the order their routes are installed (and
     * listed in the OpenAPI document and {@code docs/api.md}).
     */
    private HttpApi httpApi(ArgusConfig config, MetadataRole metadata, MediaRole media, RecordingRole recording,
                            AnalyticsRole analytics, AuditRole audit, Optional<TlsMaterial> tls, Metrics metrics,
                            LiveHandlers live, TranscodeService transcodes, OnvifService onvif, Alerts alerts,
                            SessionRechecks rechecks, Supplier<Optional<String>> notReady, Clock clock) throws IOException {
        MediaUrlSigner signer = new MediaUrlSigner(
                MediaUrlSecret.load(config.dataDir(), config.auth().mediaUrlSecret()), clock);
        SnapshotCache snapshots = new SnapshotCache(new FfmpegSnapshotRenderer(), clock, SnapshotCache.DEFAULT_TTL,
                KeyframeGrabber.DEFAULT_WAIT);
        ChunkFragments fragments = new ChunkFragments(recording.store(), PooledByteBufAllocator.DEFAULT);
        Playback playback = new Playback(recording.recorded(), recording.store(), fragments,
                PooledByteBufAllocator.DEFAULT, writerNode(config));
        // Evidence covers closed chunks only: the package's manifest lists their hash chain.
        Playback sealed = new Playback(RecordedChunks.closed(recording.index()), recording.store(), fragments,
                PooledByteBufAllocator.DEFAULT, writerNode(config));
        NodeSigningKey signingKey = NodeSigningKey.loadOrCreate(config.dataDir());
        StorageHandlers storage = new StorageHandlers(media.cameras(), recording.tiers().service());
        List<ApiModule> modules = new ArrayList<>(List.of(
                new NodeHandlers(config.metrics().requireAuth(), metrics, media.paths(), notReady),
                new AccessHandlers(metadata.tenants(), metadata.users(), metadata.roles(), metadata.cameraGroups(),
                        metadata.cameras(), metadata.auth(), new PasswordPolicy(config.auth().passwordMinLength()),
                        clock),
                new CameraHandlers(media.cameras(), rtsp::port, cluster::owns),
                new CameraTestHandler(media.cameras(), media.probe()),
                new OnvifHandlers(onvif),
                new PtzHandlers(onvif),
                new MediaHandlers(media.cameras(), media.paths(), snapshots, signer, clock),
                live,
                new TranscodeHandlers(transcodes),
                new RecordingHandlers(media.cameras(), recording.service(), clock),
                new TimelineHandlers(media.cameras(), recording.recorded(), recording.bookmarks(), clock),
                new PlaybackHandlers(media.cameras(), playback, clock, storage::requireReadable,
                        transcodes),
                new AnalyticsHandlers(media.cameras(), analytics.service()),
                new EventsHandlers(media.cameras(), analytics.events(), rechecks),
                new WebhookHandlers(alerts.webhooks()),
                new VolumeHandlers(() -> recording.store().usage(), recording.volumes()),
                storage,
                new IntegrityHandlers(media.cameras(), new ChainVerifier(recording.index(), recording.store()),
                        new EvidenceExporter(sealed, recording.index(), signingKey, clock), metadata.keys()),
                new AuditHandlers(audit.log()),
                new ClusterHandlers(cluster::describe)));
        webrtc.ifPresent(w -> modules.add(modules.indexOf(live) + 1,
                new WhepHandlers(media.cameras(), media.paths(), w.server(), rechecks)));
        webrtc.ifPresent(w -> modules.add(modules.indexOf(live) + 2,
                new WhipHandlers(media.cameras(), media.paths(), w.server(), rechecks)));
        webrtc.ifPresent(w -> modules.add(modules.indexOf(live) + 3, new PublishUrlHandlers(signer, clock)));
        return new HttpApi(config.http(), metadata.auth(), audit.log(), signer, media.cameras()::exists,
                tls.map(m -> new HttpsConnectors(config.tls(), m)).orElse(null), clock, modules);
    }

    /** An event's JSON as the API shows it: the body of webhook deliveries and MQTT messages. */
    private static byte[] eventJson(Event e) {
        try {
            return Json.MAPPER.writeValueAsBytes(EventResponse.of(e));
        } catch (JsonProcessingException x) {
            throw new IllegalStateException("an event always serialises", x);
        }
    }

    public static ArgusServer start(ArgusConfig config) {
        return start(config, Clock.systemUTC());
    }

    /**
     * @param clock the time for token expiry and row timestamps (tests pass a controllable one)
     * @throws StartupException naming the part that could not start, after closing those that did
     */
    public static ArgusServer start(ArgusConfig config, Clock clock) {
        // Start-up is system work: it loads every tenant's cameras and settings (PostgreSQL's row-level security
        // shows a thread without a tenant nothing).
        return TenantScope.system(() -> new ArgusServer(config, clock));
    }

    /**
     * The TCP ports this node serves: the configured ones, and once every part is up the bound ones (a port
     * configured as 0 is picked when bound). No camera URL may point at them.
     */
    private Set<Integer> ownPorts(ArgusConfig config) {
        Set<Integer> ports = new HashSet<>(List.of(config.http().port(), config.rtsp().port()));
        if (config.tls().enabled()) {
            ports.addAll(List.of(config.tls().httpsPort(), config.tls().rtspsPort()));
        }
        if (config.rtmp().enabled()) {
            ports.add(config.rtmp().port());
            if (config.tls().enabled()) {
                ports.add(config.rtmp().tlsPort());
            }
        }
        if (config.srt().enabled()) {
            // UDP, but an srt:// camera pointed at it would be this node feeding itself all the same.
            ports.add(config.srt().port());
        }
        if (ready) {
            ports.addAll(List.of(httpPort(), rtspPort(), httpsPort(), rtspsPort(), rtmpPort(), rtmpsPort(),
                    srtPort()));
        }
        return ports;
    }

    /** The name this node records with the chunks it writes and reads others' by: a cluster's node name, or null. */
    private static String writerNode(ArgusConfig config) {
        return config.cluster().clustered() ? ClusterRole.nodeName(config.cluster()) : null;
    }

    /** The cluster side: the event bus, shards, the nodes heard of. */
    public ClusterRole cluster() {
        return cluster;
    }

    /** Recording: chunk store, index, bookmarks, recorder. */
    public RecordingRole recording() {
        return recording;
    }

    /** The node's event hub: every event passes here (stored, streamed, sent to webhooks and MQTT). */
    public EventHub events() {
        return events;
    }

    /** The bound RTSP port. */
    public int rtspPort() {
        return rtsp.port();
    }

    /** The RTSP server: its credential checks are what the RTSP authentication tests count. */
    public RtspRole rtsp() {
        return rtsp;
    }

    /** The HTTP API: its route tables are what the authorization matrix test enumerates. */
    public HttpApi http() {
        return http;
    }

    /** The bound HTTP port (the one chosen by the system when configured as 0); -1 when {@code http.plain=off}. */
    public int httpPort() {
        return http.port();
    }

    /** Every HTTP route as {@code METHOD path} (WebSockets left out), in registration order. */
    public List<String> httpRoutes() {
        return http.routes().stream().filter(e -> !e.method().equals("WS")).map(e -> e.method() + " " + e.path())
                .toList();
    }

    /** The bound HTTPS port; -1 unless {@code tls.enabled}. */
    public int httpsPort() {
        return http.httpsPort();
    }

    /** The bound RTSPS port; -1 unless {@code tls.enabled}. */
    public int rtspsPort() {
        return rtsp.rtspsPort();
    }

    /** The bound RTMP port; -1 unless {@code rtmp.enabled}. */
    public int rtmpPort() {
        return rtmp.map(RtmpRole::port).orElse(-1);
    }

    /** The bound RTMPS port; -1 unless {@code rtmp.enabled} and {@code tls.enabled}. */
    public int rtmpsPort() {
        return rtmp.map(RtmpRole::rtmpsPort).orElse(-1);
    }

    /** The bound SRT UDP port; -1 unless {@code srt.enabled} and libsrt is installed. */
    public int srtPort() {
        return srt.map(SrtRole::port).orElse(-1);
    }

    /** SRT ingest, when {@code srt.enabled} and libsrt is installed: its refusals are what the SRT tests count. */
    public Optional<SrtRole> srt() {
        return srt;
    }

    /** The bound WebRTC UDP port; -1 unless {@code webrtc.enabled}. */
    public int webrtcPort() {
        return webrtc.map(WebRtcRole::port).orElse(-1);
    }

    /** WebRTC playback, when {@code webrtc.enabled}: its sessions and their stats. */
    public Optional<WebRtcRole> webrtc() {
        return webrtc;
    }

    /** RTMP ingest, when {@code rtmp.enabled}: its refusals are what the RTMP tests count. */
    public Optional<RtmpRole> rtmp() {
        return rtmp;
    }

    /** The node's paths, one per camera. */
    public PathManager paths() {
        return media.paths();
    }

    /** Closes the server when the JVM is asked to exit (Ctrl-C, SIGTERM). */
    public void closeOnShutdown() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "argus-shutdown"));
    }

    /** Blocks until {@link #close} has finished. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    @Override
    public synchronized void close() {
        if (closed.getCount() == 0) {
            return;
        }
        ready = false;
        // System work, like start-up: the recorders' last chunks of every tenant are closed and indexed.
        TenantScope.system(() -> {
            // Before anything else: the cameras' new owners need not wait for the rest of the close.
            cluster.handOver();
            lifecycle.close();
            return null;
        });
        LOG.info("Argus stopped");
        closed.countDown();
    }
}
