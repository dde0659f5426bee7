package io.argus.server.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.websocket.WsConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The route registry: the only way a handler class adds a route, so no route exists without saying what it
 * requires. Registering is one line per route, the path, the {@link Require} and the handler:
 *
 * <pre>{@code
 * routes.get("/api/v1/cameras/{id}/storage", Require.camera(Action.MANAGE_CAMERAS), this::storage);
 * routes.get("/api/v1/audit", Require.tenant(Action.READ_AUDIT), this::audit);
 * routes.get("/ui/*", Require.PUBLIC, this::file);
 * }</pre>
 *
 * The authorization matrix test (AuthorizationMatrixTest) enumerates this registry and Javalin's own route list
 * and fails for a route registered around it (straight on {@code RoutesConfig}) or missing from its table.
 */
public final class Routes {
    /** A registered route; {@code method} is the HTTP method, or {@code WS} for a WebSocket upgrade. */
    public record Entry(String method, String path, Require require) {
    }

    private final RoutesConfig config;
    private final Guard guard;
    private final List<Entry> entries = new ArrayList<>();

    Routes(RoutesConfig config, Guard guard) {
        this.config = config;
        this.guard = guard;
    }

    public void get(String path, Require require, Handler handler) {
        config.get(path, guarded("GET", path, require, handler));
    }

    public void post(String path, Require require, Handler handler) {
        config.post(path, guarded("POST", path, require, handler));
    }

    public void put(String path, Require require, Handler handler) {
        config.put(path, guarded("PUT", path, require, handler));
    }

    public void patch(String path, Require require, Handler handler) {
        config.patch(path, guarded("PATCH", path, require, handler));
    }

    public void delete(String path, Require require, Handler handler) {
        config.delete(path, guarded("DELETE", path, require, handler));
    }

    /** A WebSocket: {@code beforeUpgrade} runs after the check and may still answer with an HTTP error. */
    public void ws(String path, Require require, Handler beforeUpgrade, Consumer<WsConfig> ws) {
        config.wsBeforeUpgrade(path, guarded("WS", path, require, beforeUpgrade));
        config.ws(path, ws);
    }

    /** Every route registered so far, in order. */
    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** Whether {@code path} (a literal path) is a registered public route. */
    boolean isPublic(String path) {
        return entries.stream().anyMatch(e -> e.require() == Require.PUBLIC && e.path().equals(path));
    }

    private Handler guarded(String method, String path, Require require, Handler handler) {
        entries.add(new Entry(method, path, require));
        return ctx -> {
            guard.check(require, ctx);
            handler.handle(ctx);
        };
    }
}
