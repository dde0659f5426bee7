package io.argus.server.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.websocket.WsConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The route registry: the only way a handler class adds a route, so no route exists without saying what it
 * requires and what it audits. Registering is one line per route: the path, the {@link Require}, the
 * {@link Audit} (changing methods must name one; reads may leave it out when they show no video) and the handler,
 * optionally followed by what the OpenAPI document says of it:
 *
 * <pre>{@code
 * routes.get(CAMERA, Require.cameraVisible(), this::get).returns(CameraResponse.class);
 * routes.patch(CAMERA, Require.camera(Action.MANAGE_CAMERAS), Audit.change(CAMERA_UPDATE, "camera", "id"),
 *         this::patch).body(CameraRequest.class).returns(CameraResponse.class);
 * }</pre>
 *
 * The authorization matrix test (AuthorizationMatrixTest) enumerates this registry and Javalin's own route list
 * and fails for a route registered around it (straight on {@code RoutesConfig}) or missing from its table; the
 * OpenAPI document ({@link OpenApi}) and {@code docs/api.md} are generated from it.
 */
public final class Routes {
    /**
     * A registered route; {@code method} is the HTTP method, or {@code WS} for a WebSocket upgrade. What the
     * OpenAPI document says of its body and answer is set right after registering ({@link #body}, {@link #returns},
     * {@link #summary}), before the server starts.
     */
    public static final class Entry {
        private final String method;
        private final String path;
        private final Require require;
        private final Audit audit;
        private String summary;
        private Class<?> body;
        private Class<?> returns;
        private boolean returnsList;

        Entry(String method, String path, Require require, Audit audit) {
            this.method = method;
            this.path = path;
            this.require = require;
            this.audit = audit;
        }

        public String method() {
            return method;
        }

        public String path() {
            return path;
        }

        public Require require() {
            return require;
        }

        public Audit audit() {
            return audit;
        }

        public String summary() {
            return summary;
        }

        /** The JSON request body's type, or null. */
        public Class<?> body() {
            return body;
        }

        /** The JSON answer's type (of each element when {@link #returnsList()}), or null when not JSON or unknown. */
        public Class<?> returns() {
            return returns;
        }

        public boolean returnsList() {
            return returnsList;
        }

        /** One line on what the route does, for the OpenAPI document and {@code docs/api.md}. */
        public Entry summary(String text) {
            this.summary = text;
            return this;
        }

        public Entry body(Class<?> type) {
            this.body = type;
            return this;
        }

        public Entry returns(Class<?> type) {
            this.returns = type;
            return this;
        }

        /** The answer is a JSON array of {@code type}. */
        public Entry returnsListOf(Class<?> type) {
            this.returns = type;
            this.returnsList = true;
            return this;
        }

        /** {@code METHOD path}, as Javalin names the route. */
        public String key() {
            return method + " " + path;
        }

        @Override
        public String toString() {
            return key() + " " + require;
        }
    }

    private final RoutesConfig config;
    private final Guard guard;
    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, Entry> byKey = new HashMap<>();

    Routes(RoutesConfig config, Guard guard) {
        this.config = config;
        this.guard = guard;
    }

    /** A read that is not audited. */
    public Entry get(String path, Require require, Handler handler) {
        return get(path, require, Audit.NONE, handler);
    }

    public Entry get(String path, Require require, Audit audit, Handler handler) {
        return http(HandlerType.GET, path, require, audit, handler);
    }

    public Entry post(String path, Require require, Audit audit, Handler handler) {
        return http(HandlerType.POST, path, require, changing(audit), handler);
    }

    public Entry put(String path, Require require, Audit audit, Handler handler) {
        return http(HandlerType.PUT, path, require, changing(audit), handler);
    }

    public Entry patch(String path, Require require, Audit audit, Handler handler) {
        return http(HandlerType.PATCH, path, require, changing(audit), handler);
    }

    public Entry delete(String path, Require require, Audit audit, Handler handler) {
        return http(HandlerType.DELETE, path, require, changing(audit), handler);
    }

    /**
     * A WebSocket: {@code beforeUpgrade} runs after the check and may still answer with an HTTP error; a
     * {@link Audit.Kind#VIEW} audit is recorded once the upgrade passed every check.
     */
    public Entry ws(String path, Require require, Audit audit, Handler beforeUpgrade, Consumer<WsConfig> ws) {
        Entry e = add("WS", path, require, audit);
        config.wsBeforeUpgrade(path, guarded(require, beforeUpgrade));
        config.ws(path, ws);
        return e;
    }

    /** Every route registered so far, in order. */
    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** What the route {@code method path} (as registered) audits; {@link Audit#NONE} for an unknown route. */
    Audit audit(String method, String path) {
        Entry e = byKey.get(method + " " + path);
        return e == null ? Audit.NONE : e.audit();
    }

    /** Whether {@code path} (a literal path) is a registered public route. */
    boolean isPublic(String path) {
        return entries.stream().anyMatch(e -> e.require() == Require.PUBLIC && e.path().equals(path));
    }

    private Entry http(HandlerType method, String path, Require require, Audit audit, Handler handler) {
        Entry e = add(method.name(), path, require, audit);
        config.addHttpHandler(method, path, guarded(require, handler));
        return e;
    }

    private Entry add(String method, String path, Require require, Audit audit) {
        Entry e = new Entry(method, path, require, audit);
        if (byKey.putIfAbsent(e.key(), e) != null) {
            throw new IllegalStateException(e.key() + " is registered twice");
        }
        entries.add(e);
        return e;
    }

    /** A route that changes something always leaves a trace: only reads may be unaudited. */
    private static Audit changing(Audit audit) {
        if (!audit.audited()) {
            throw new IllegalArgumentException("a changing route must say what it audits");
        }
        return audit;
    }

    private Handler guarded(Require require, Handler handler) {
        return ctx -> {
            guard.check(require, ctx);
            handler.handle(ctx);
        };
    }
}
