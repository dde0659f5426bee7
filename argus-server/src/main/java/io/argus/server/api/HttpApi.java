package io.argus.server.api;

import io.argus.server.audit.AuditLog;
import io.argus.server.auth.AuthService;
import io.argus.server.auth.MediaUrlSigner;
import io.argus.server.config.HttpConfig;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.javalin.websocket.WsHandlerType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiPredicate;

/**
 * The HTTP server: every route on one port, installed by the API's capabilities ({@link ApiModule}) through
 * {@link Routes} with what each requires and audits, the auth filter in front, the audit trail behind, errors
 * mapped in one place.
 */
public final class HttpApi implements AutoCloseable {
    private final Javalin app;
    private final HttpsConnectors https;
    private Routes routes;
    private volatile int port = -1;

    /**
     * @param signer       checks the {@code ?sig=} of signed media URLs (the auth filter)
     * @param cameraExists whether (tenant, camera) is a camera of that tenant, for routes on one camera
     * @param https        the HTTPS connectors, or null without TLS
     * @param modules      the capabilities, installed in this order (the order of the OpenAPI document)
     */
    public HttpApi(HttpConfig http, AuthService auth, AuditLog audit, MediaUrlSigner signer,
                   BiPredicate<UUID, UUID> cameraExists, HttpsConnectors https, Clock clock,
                   List<ApiModule> modules) {
        this.https = https;
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
            Routes r = new Routes(cfg.routes, new Guard(clock, cameraExists));
            this.routes = r;
            AuditTrail trail = new AuditTrail(audit, new AuditActors(auth), r);
            AuthFilter filter = new AuthFilter(auth, r, signer);
            cfg.routes.before(filter::check);
            cfg.routes.after(filter::done);
            // Javalin runs no HTTP before-handler on a WebSocket upgrade: the auth filter guards upgrades too.
            cfg.routes.wsBeforeUpgrade(filter::check);
            modules.forEach(m -> m.install(r));
            for (Routes.Entry e : r.entries()) {
                if (e.method().equals("WS") && e.audit().audited()) {
                    cfg.routes.wsBeforeUpgrade(e.path(), ctx -> trail.socket(e, ctx));
                }
            }
            cfg.routes.after(trail::after);
        });
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
}
