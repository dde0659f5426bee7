package io.argus.server.api;

import io.argus.media.path.PathManager;
import io.argus.media.stream.LatencyHistogram;
import io.argus.server.audit.AuditActions;
import io.argus.server.audit.AuditLog;
import io.argus.server.auth.Action;
import io.argus.server.auth.AuthService;
import io.argus.server.auth.LoginResult;
import io.argus.server.camera.CameraException;
import io.argus.server.camera.CameraService;
import io.argus.server.config.HttpConfig;
import io.argus.server.metrics.Metrics;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import io.javalin.websocket.WsHandlerType;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The HTTP server: every route on one port, registered through {@link Routes} with what it requires, the auth
 * filter in front, errors mapped in one place.
 */
public final class HttpApi implements AutoCloseable {
    static final String LOGIN = "/api/v1/auth/login";
    static final String HEALTH = "/api/v1/health";

    private final Javalin app;
    private final AuthService auth;
    private final PathManager paths;
    private final Metrics metrics;
    private final Supplier<Optional<String>> notReady;
    private final HttpsConnectors https;
    private Routes routes;
    private volatile int port = -1;
    private volatile Map<String, Object> openApi;

    /**
     * @param rtspPort the RTSP server's bound port, for the {@code rtspUrl} of cameras
     * @param notReady why the node is not ready (starting, stopping, its database's disk full), empty when it is
     *                 (for {@code /readyz})
     * @param media    snapshots and signed media URLs
     */
    public HttpApi(HttpConfig http, boolean metricsNeedAuth, AuthService auth, CameraService cameras,
                   PathManager paths, Metrics metrics, IntSupplier rtspPort, Supplier<Optional<String>> notReady,
                   MediaHandlers media, RecordingHandlers recording, PlaybackHandlers playback,
                   TimelineHandlers timeline, LiveHandlers live, AccessHandlers access,
                   CameraTestHandler cameraTest, VolumeHandlers volumes, StorageHandlers storage,
                   IntegrityHandlers integrity, AuditLog audit, HttpsConnectors https, Clock clock) {
        this.auth = auth;
        this.paths = paths;
        this.metrics = metrics;
        this.notReady = notReady;
        this.https = https;
        CameraHandlers cams = new CameraHandlers(cameras, rtspPort);
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.concurrency.useVirtualThreads = true;
            cfg.http.maxRequestSize = http.maxBodyBytes();
            cfg.jsonMapper(new JavalinJackson(Json.MAPPER, true));
            cfg.jetty.host = http.host();
            cfg.jetty.port = http.port();
            cfg.jetty.modifyHttpConfiguration(c -> c.addCustomizer(new SecurityHeaders()));
            if (https != null) {
                https.install(cfg, http);
                cfg.routes.before(https::redirect);
            }
            ErrorMapper.install(cfg.routes);
            WebUi.install(cfg);
            JsonErrorHandler jettyErrors = new JsonErrorHandler();
            cfg.jetty.modifyServer(server -> server.setErrorHandler(jettyErrors));
            cfg.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(jettyErrors));
            Routes r = new Routes(cfg.routes, new Guard(clock, (tenant, id) -> exists(cameras, tenant, id)));
            this.routes = r;
            AuditTrail trail = new AuditTrail(audit, new AuditActors(auth), r);
            AuthFilter filter = new AuthFilter(auth, r, metricsNeedAuth, media.signer());
            cfg.routes.before(filter::check);
            cfg.routes.after(filter::done);
            // Javalin runs no HTTP before-handler on a WebSocket upgrade: the auth filter guards upgrades too.
            cfg.routes.wsBeforeUpgrade(filter::check);
            r.get(HEALTH, Require.PUBLIC, ctx -> ctx.json(new StatusResponse("ok")))
                .summary("liveness").returns(StatusResponse.class);
            r.get("/readyz", Require.PUBLIC, this::readyz)
                .summary("readiness: every role started").returns(StatusResponse.class);
            r.get("/metrics", metricsNeedAuth ? Require.tenant(Action.VIEW_SYSTEM) : Require.PUBLIC,
                    ctx -> ctx.contentType(Metrics.CONTENT_TYPE).result(metrics.scrape()))
                .summary("Prometheus metrics");
            r.post(LOGIN, Require.PUBLIC, Audit.login(AuditActions.LOGIN), this::login)
                .summary("logs in with a password; answers a session token").body(LoginRequest.class).returns(LoginResponse.class);
            cams.install(r);
            cameraTest.install(r);
            media.install(r);
            recording.install(r);
            timeline.install(r);
            playback.install(r);
            live.install(r);
            access.install(r);
            volumes.install(r);
            storage.install(r);
            integrity.install(r);
            r.get("/api/v1/node/stats", Require.tenant(Action.VIEW_SYSTEM), this::nodeStats)
                .summary("node figures: streams, readers, memory, latency").returns(NodeStatsResponse.class);
            r.post("/api/v1/node/stats/reset", Require.tenant(Action.VIEW_SYSTEM),
                    Audit.whole(AuditActions.NODE_STATS_RESET, "node"), this::resetNodeStats)
                .summary("starts a new latency measurement window");
            new AuditHandlers(trail).install(r);
            r.get(OpenApi.PATH, Require.PUBLIC, this::openApi).summary("this document");
            for (Routes.Entry e : r.entries()) {
                if (e.method().equals("WS") && e.audit().audited()) {
                    cfg.routes.wsBeforeUpgrade(e.path(), ctx -> trail.socket(e, ctx));
                }
            }
            cfg.routes.after(trail::after);
        });
    }

    private static boolean exists(CameraService cameras, UUID tenant, UUID id) {
        try {
            cameras.get(tenant, id);
            return true;
        } catch (CameraException e) {
            return false;
        }
    }

    /** Every route registered through {@link Routes}, with what it requires (for the authorization matrix test). */
    public List<Routes.Entry> routes() {
        return routes.entries();
    }

    /**
     * Every route Javalin itself holds, as {@code METHOD path} ({@code WS path} for WebSockets): compared with
     * {@link #routes()} by the authorization matrix test, so a route added around the registry fails it.
     */
    public List<String> javalinRoutes() {
        List<String> out = new ArrayList<>();
        app.unsafe.internalRouter.allHttpHandlers().stream().filter(e -> e.endpoint.method.isHttpMethod())
                .forEach(e -> out.add(e.endpoint.method.name() + " " + e.endpoint.path));
        app.unsafe.internalRouter.allWsHandlers().stream().filter(e -> e.getType() == WsHandlerType.WEBSOCKET)
                .forEach(e -> out.add("WS " + e.getPath()));
        return out;
    }

    /** Binds and serves. */
    public void start() {
        app.start();
        if (https == null) {
            port = app.port();
        } else {
            https.started(app);
            port = https.port(HttpsConnectors.PLAIN);
        }
    }

    /** The bound plain HTTP port (the configured one, or the one picked for port 0); -1 when plain HTTP is off. */
    public int port() {
        return port;
    }

    /** The bound HTTPS port, or -1 without TLS. */
    public int httpsPort() {
        return https == null ? -1 : https.port(HttpsConnectors.SECURE);
    }

    @Override
    public void close() {
        app.stop();
    }

    /** A session token for a user of a tenant (the default tenant when none is named); 429 while locked out. */
    private void login(Context ctx) {
        LoginRequest req = RequestBodies.read(ctx, LoginRequest.class);
        if (req.username() == null || req.password() == null) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "username and password are required");
        }
        String tenant = req.tenant() == null ? AuthService.DEFAULT_TENANT : req.tenant();
        LoginResult result = auth.login(tenant, req.username(), req.password(), ctx.ip());
        ctx.attribute(AuditTrail.LOGIN_ATTEMPT, new AuditTrail.LoginAttempt(tenant, req.username(), result));
        switch (result) {
            case LoginResult.Ok ok -> ctx.json(new LoginResponse(ok.token().token(), ok.token().session().expiresAt()));
            case LoginResult.Locked l -> {
                ctx.header("Retry-After", Long.toString(Math.max(1, (l.retryAfter().toMillis() + 999) / 1000)));
                throw new ApiException(ErrorCode.TOO_MANY_REQUESTS, "too many failed logins; try again in "
                        + Math.max(1, (l.retryAfter().toMillis() + 999) / 1000) + " s");
            }
            case LoginResult.Rejected r -> throw new ApiException(ErrorCode.INVALID_CREDENTIALS,
                    "wrong username or password");
        }
    }

    /** Made on the first request, when every route is registered; the registry does not change after start. */
    private void openApi(Context ctx) {
        Map<String, Object> doc = openApi;
        if (doc == null) {
            doc = OpenApi.document(routes.entries());
            openApi = doc;
        }
        ctx.json(doc);
    }

    private void readyz(Context ctx) {
        Optional<String> why = notReady.get();
        if (why.isPresent()) {
            throw new ApiException(ErrorCode.NOT_READY, why.get());
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
