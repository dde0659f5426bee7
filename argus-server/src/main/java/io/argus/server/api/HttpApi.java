package io.argus.server.api;

import io.argus.media.path.PathManager;
import io.argus.media.stream.LatencyHistogram;
import io.argus.metadata.IssuedToken;
import io.argus.metadata.UserNames;
import io.argus.server.audit.AuditLog;
import io.argus.server.auth.AuthService;
import io.argus.server.camera.CameraService;
import io.argus.server.config.HttpConfig;
import io.argus.server.metrics.Metrics;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/** The HTTP server: every route on one port, the auth filter in front, errors mapped in one place. */
public final class HttpApi {
    static final String LOGIN = "/api/v1/auth/login";
    static final String HEALTH = "/api/v1/health";

    private final Javalin app;
    private final AuthService auth;
    private final PathManager paths;
    private final Metrics metrics;
    private final BooleanSupplier ready;
    private final HttpsConnectors https;

    /**
     * @param rtspPort the RTSP server's bound port, for the {@code rtspUrl} of cameras
     * @param ready    whether every role has started (for {@code /readyz})
     * @param media    snapshots and signed media URLs
     */
    public HttpApi(HttpConfig http, boolean metricsNeedAuth, AuthService auth, CameraService cameras,
                   PathManager paths, Metrics metrics, IntSupplier rtspPort, BooleanSupplier ready,
                   MediaHandlers media, RecordingHandlers recording, PlaybackHandlers playback,
                   TimelineHandlers timeline, LiveHandlers live, AuditLog audit, UserNames userNames,
                   HttpsConnectors https) {
        this.auth = auth;
        this.paths = paths;
        this.metrics = metrics;
        this.ready = ready;
        this.https = https;
        AuthFilter filter = new AuthFilter(auth, Set.of(LOGIN, HEALTH), metricsNeedAuth, media.signer());
        CameraHandlers cams = new CameraHandlers(cameras, rtspPort);
        AuditTrail trail = new AuditTrail(audit, new AuditActors(userNames));
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.concurrency.useVirtualThreads = true;
            cfg.http.maxRequestSize = http.maxBodyBytes();
            cfg.jsonMapper(new JavalinJackson(Json.MAPPER, true));
            cfg.jetty.host = http.host();
            cfg.jetty.port = http.port();
            if (https != null) {
                https.install(cfg, http);
                cfg.routes.before(https::redirect);
            }
            ErrorMapper.install(cfg.routes);
            JsonErrorHandler jettyErrors = new JsonErrorHandler();
            cfg.jetty.modifyServer(server -> server.setErrorHandler(jettyErrors));
            cfg.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(jettyErrors));
            cfg.routes.before(filter::check);
            cfg.routes.get(HEALTH, ctx -> ctx.json(new StatusResponse("ok")));
            cfg.routes.get("/readyz", this::readyz);
            cfg.routes.get("/metrics", ctx -> ctx.contentType(Metrics.CONTENT_TYPE).result(metrics.scrape()));
            cfg.routes.post(LOGIN, this::login);
            cfg.routes.get("/api/v1/cameras", cams::list);
            cfg.routes.post("/api/v1/cameras", cams::create);
            cfg.routes.get("/api/v1/cameras/{id}", cams::get);
            cfg.routes.patch("/api/v1/cameras/{id}", cams::patch);
            cfg.routes.delete("/api/v1/cameras/{id}", cams::delete);
            media.install(cfg.routes);
            recording.install(cfg.routes);
            timeline.install(cfg.routes);
            playback.install(cfg.routes);
            // Javalin runs no HTTP before-handler on a WebSocket upgrade: the auth filter guards upgrades too.
            cfg.routes.wsBeforeUpgrade(filter::check);
            live.install(cfg.routes);
            cfg.routes.wsBeforeUpgrade(LiveHandlers.CAMERA + MediaPaths.LIVE_WS, trail::liveSocket);
            new AuditHandlers(trail).install(cfg.routes);
            cfg.routes.after(trail::after);
            cfg.routes.get("/api/v1/node/stats", this::nodeStats);
            cfg.routes.post("/api/v1/node/stats/reset", this::resetNodeStats);
        });
    }

    /**
     * Binds and serves; returns the bound plain HTTP port (the configured one, or the one picked for port 0), -1
     * when plain HTTP is off.
     */
    public int start() {
        app.start();
        if (https == null) {
            return app.port();
        }
        https.started(app);
        return https.port(HttpsConnectors.PLAIN);
    }

    /** Every HTTP route as {@code METHOD path}, in registration order (for tests that walk them all). */
    public List<String> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(e -> e.endpoint.method.name() + " " + e.endpoint.path).toList();
    }

    /** The bound HTTPS port, or -1 without TLS. */
    public int httpsPort() {
        return https == null ? -1 : https.port(HttpsConnectors.SECURE);
    }

    public void stop() {
        app.stop();
    }

    private void login(Context ctx) {
        LoginRequest req = RequestBodies.read(ctx, LoginRequest.class);
        if (req.username() == null || req.password() == null) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "username and password are required");
        }
        IssuedToken t = auth.login(req.username(), req.password()).orElseThrow(() ->
                new ApiException(ErrorCode.INVALID_CREDENTIALS, "wrong username or password"));
        ctx.attribute(AuditActors.LOGIN_SESSION, t.session());
        ctx.json(new LoginResponse(t.token(), t.session().expiresAt()));
    }

    private void readyz(Context ctx) {
        if (!ready.getAsBoolean()) {
            throw new ApiException(ErrorCode.NOT_READY, "starting or stopping");
        }
        ctx.json(new StatusResponse("ready"));
    }

    /** {@code ?gc=true} collects garbage first, so heap figures compare across runs (used by the load bench). */
    private void nodeStats(Context ctx) {
        if ("true".equals(ctx.queryParam("gc"))) {
            System.gc();
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        LatencyHistogram h = paths.latency().histogram();
        ctx.json(new NodeStatsResponse(paths.paths().size(), Metrics.readers(paths), heap,
                Metrics.nettyDirectMemory(), gopCacheBytes(), new NodeStatsResponse.Latency(h.count(), h.percentileMicros(0.5),
                        h.percentileMicros(0.9), h.percentileMicros(0.99), h.percentileMicros(1.0))));
    }

    private long gopCacheBytes() {
        long sum = 0;
        for (var p : paths.paths()) {
            var s = p.stream();
            sum += s == null ? 0 : s.gopCacheBytes();
        }
        return sum;
    }

    /** Starts a new measurement window for the latency figures of {@code GET /api/v1/node/stats}. */
    private void resetNodeStats(Context ctx) {
        paths.latency().histogram().reset();
        ctx.status(204);
    }
}
