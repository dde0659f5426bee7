package io.argus.server.api.node;

import io.argus.media.path.PathManager;
import io.argus.media.stream.LatencyHistogram;
import io.argus.server.api.ApiException;
import io.argus.server.api.ApiModule;
import io.argus.server.api.Audit;
import io.argus.server.api.ErrorCode;
import io.argus.server.api.OpenApi;
import io.argus.server.api.Require;
import io.argus.server.api.Routes;
import io.argus.server.audit.AuditActions;
import io.argus.server.auth.Action;
import io.argus.server.metrics.Metrics;
import io.javalin.http.Context;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The node itself: liveness, readiness, Prometheus metrics, load figures and their reset, and the OpenAPI
 * document of every route installed.
 */
public final class NodeHandlers implements ApiModule {
    private static final String HEALTH = "/api/v1/health";

    private final boolean metricsNeedAuth;
    private final Metrics metrics;
    private final PathManager paths;
    private final Supplier<Optional<String>> notReady;
    private Routes routes;
    private volatile Map<String, Object> openApi;

    /**
     * @param metricsNeedAuth whether {@code /metrics} needs {@link Action#VIEW_SYSTEM} (else it is public)
     * @param notReady        why the node is not ready (starting, stopping, its database's disk full), empty when
     *                        it is (for {@code /readyz})
     */
    public NodeHandlers(boolean metricsNeedAuth, Metrics metrics, PathManager paths,
                        Supplier<Optional<String>> notReady) {
        this.metricsNeedAuth = metricsNeedAuth;
        this.metrics = metrics;
        this.paths = paths;
        this.notReady = notReady;
    }

    @Override
    public void install(Routes routes) {
        this.routes = routes;
        routes.get(HEALTH, Require.PUBLIC, ctx -> ctx.json(new StatusResponse("ok")))
                .summary("liveness").returns(StatusResponse.class);
        routes.get("/readyz", Require.PUBLIC, this::readyz)
                .summary("readiness: every role started").returns(StatusResponse.class);
        routes.get("/metrics", metricsNeedAuth ? Require.tenant(Action.VIEW_SYSTEM) : Require.PUBLIC,
                        ctx -> ctx.contentType(Metrics.CONTENT_TYPE).result(metrics.scrape()))
                .summary("Prometheus metrics");
        routes.get("/api/v1/node/stats", Require.tenant(Action.VIEW_SYSTEM), this::nodeStats)
                .summary("node figures: streams, readers, memory, latency").returns(NodeStatsResponse.class);
        routes.post("/api/v1/node/stats/reset", Require.tenant(Action.VIEW_SYSTEM),
                        Audit.whole(AuditActions.NODE_STATS_RESET, "node"), this::resetNodeStats)
                .summary("starts a new latency measurement window");
        routes.get(OpenApi.PATH, Require.PUBLIC, this::openApi).summary("this document");
    }

    /** Made on the first request, when every module is installed; the registry does not change after start. */
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
                Metrics.nettyDirectMemory(), gopCacheBytes(), new NodeStatsResponse.Latency(h.count(),
                h.percentileMicros(0.5), h.percentileMicros(0.9), h.percentileMicros(0.99), h.percentileMicros(1.0)),
                gc()));
    }

    private static NodeStatsResponse.Gc gc() {
        long count = 0;
        long millis = 0;
        for (var c : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, c.getCollectionCount());
            millis += Math.max(0, c.getCollectionTime());
        }
        return new NodeStatsResponse.Gc(count, millis);
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
