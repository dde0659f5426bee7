package io.argus.server.api;

import static io.argus.server.audit.AuditActions.BOOKMARK_CREATE;
import static io.argus.server.audit.AuditActions.BOOKMARK_DELETE;
import static io.argus.server.audit.AuditActions.CAMERA_CREATE;
import static io.argus.server.audit.AuditActions.CAMERA_DELETE;
import static io.argus.server.audit.AuditActions.CAMERA_RECORDING;
import static io.argus.server.audit.AuditActions.CAMERA_UPDATE;
import static io.argus.server.audit.AuditActions.EXPORT;
import static io.argus.server.audit.AuditActions.LIVE_VIEW;
import static io.argus.server.audit.AuditActions.LOGIN;
import static io.argus.server.audit.AuditActions.MEDIA_URL;
import static io.argus.server.audit.AuditActions.NODE_STATS_RESET;
import static io.argus.server.audit.AuditActions.PLAYBACK;
import static io.argus.server.audit.AuditActions.RECORDING_EVENT;
import static io.argus.server.audit.AuditActions.SNAPSHOT;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.metadata.AuditEntry;
import io.argus.metadata.Tenants;
import io.argus.server.audit.AuditActor;
import io.argus.server.audit.AuditLog;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Audits requests after they are answered, from one table of routes: every route that changes something, logs in,
 * views or exports video is listed here (a test fails when a changing route is missing), so no handler can forget
 * its audit call. A change is recorded when it succeeded (2xx) or was refused for lack of rights (403); a login
 * also when the password was wrong (401). Views go through {@link AuditLog#recordView}: one row per session.
 *
 * <p>Details never hold request values that may be secret: for a change, the names of the fields sent, and the
 * camera name on create.
 */
final class AuditTrail {
    private static final String CAMERA = "/api/v1/cameras/{id}";

    enum Kind { LOGIN, CHANGE, VIEW }

    /**
     * @param targetParam the path parameter naming the target; null for the id in the answer's Location (a create)
     */
    record Rule(String action, String targetType, String targetParam, Kind kind) {
    }

    /** Method and route path, as registered, to what is audited. */
    static final Map<String, Rule> RULES = Map.ofEntries(
            Map.entry("POST " + HttpApi.LOGIN, new Rule(LOGIN, "user", null, Kind.LOGIN)),
            Map.entry("POST /api/v1/cameras", new Rule(CAMERA_CREATE, "camera", null, Kind.CHANGE)),
            Map.entry("PATCH " + CAMERA, new Rule(CAMERA_UPDATE, "camera", "id", Kind.CHANGE)),
            Map.entry("DELETE " + CAMERA, new Rule(CAMERA_DELETE, "camera", "id", Kind.CHANGE)),
            Map.entry("PUT " + CAMERA + "/recording", new Rule(CAMERA_RECORDING, "camera", "id", Kind.CHANGE)),
            Map.entry("POST " + CAMERA + "/events", new Rule(RECORDING_EVENT, "camera", "id", Kind.CHANGE)),
            Map.entry("POST " + CAMERA + "/bookmarks", new Rule(BOOKMARK_CREATE, "bookmark", null, Kind.CHANGE)),
            Map.entry("DELETE " + CAMERA + "/bookmarks/{bid}",
                    new Rule(BOOKMARK_DELETE, "bookmark", "bid", Kind.CHANGE)),
            Map.entry("POST " + CAMERA + "/media-urls", new Rule(MEDIA_URL, "camera", "id", Kind.CHANGE)),
            Map.entry("POST /api/v1/node/stats/reset", new Rule(NODE_STATS_RESET, "node", null, Kind.CHANGE)),
            Map.entry("GET " + CAMERA + "/" + MediaPaths.LIVE_HLS, new Rule(LIVE_VIEW, "camera", "id", Kind.VIEW)),
            Map.entry("GET " + CAMERA + "/" + MediaPaths.SNAPSHOT, new Rule(SNAPSHOT, "camera", "id", Kind.VIEW)),
            Map.entry("GET " + CAMERA + "/" + MediaPaths.PLAYBACK_HLS,
                    new Rule(PLAYBACK, "camera", "id", Kind.VIEW)),
            Map.entry("GET " + CAMERA + "/" + MediaPaths.EXPORT_MP4, new Rule(EXPORT, "camera", "id", Kind.CHANGE)));

    private final AuditLog log;
    private final AuditActors actors;

    AuditTrail(AuditLog log, AuditActors actors) {
        this.log = log;
        this.actors = actors;
    }

    AuditLog log() {
        return log;
    }

    AuditActors actors() {
        return actors;
    }

    /** The after-handler: audits the answered request if its route is in {@link #RULES}. */
    void after(Context ctx) {
        Endpoint e = ctx.endpoints().matchedHttpEndpoint();
        Rule rule = e == null ? null : RULES.get(e.method.name() + " " + e.path);
        if (rule == null) {
            return;
        }
        int status = ctx.statusCode();
        if (rule.kind() == Kind.LOGIN) {
            login(ctx, status);
            return;
        }
        boolean ok = status >= 200 && status < 300;
        Optional<AuditActor> actor = actors.of(ctx);
        if ((!ok && status != 403) || actor.isEmpty()) {
            return;
        }
        String target = rule.targetParam() == null ? created(ctx) : param(e.path, ctx.path(), rule.targetParam());
        Map<String, Object> details = new TreeMap<>();
        details.put("status", status);
        if (rule.kind() == Kind.VIEW && ok) {
            details.put("via", rule.action().equals(SNAPSHOT) ? "snapshot" : "hls");
            putRange(ctx, details);
            details.put("session", details.getOrDefault("from", "") + "/" + details.getOrDefault("to", ""));
            log.recordView(actor.get(), rule.action(), target, details);
            return;
        }
        if (rule.action().equals(EXPORT)) {
            putRange(ctx, details);
        }
        if (rule.targetType().equals("bookmark")) {
            details.put("camera", param(e.path, ctx.path(), "id"));
        }
        details.putAll(fields(ctx));
        log.record(actor.get(), rule.action(), rule.targetType(), target, ok ? AuditEntry.OK : AuditEntry.DENIED,
                details);
    }

    /** A live WebSocket view, once its upgrade passed every check. */
    void liveSocket(Context ctx) {
        actors.of(ctx).ifPresent(a -> log.recordView(a, LIVE_VIEW,
                param(CAMERA + "/" + MediaPaths.LIVE_WS, ctx.path(), "id"), Map.of("via", "ws")));
    }

    private void login(Context ctx, int status) {
        if (status == 200) {
            actors.of(ctx).ifPresent(a -> log.record(a, LOGIN, "user", a.userId().toString(), AuditEntry.OK,
                    Map.of()));
        } else if (status == 401) {
            String username = fields(ctx).get("username") instanceof String s ? s : null;
            log.record(AuditActors.failedLogin(ctx, Tenants.DEFAULT_ID, username), LOGIN, "user", null,
                    AuditEntry.FAILED, Map.of("reason", "wrong username or password"));
        }
    }

    private static void putRange(Context ctx, Map<String, Object> details) {
        for (String p : List.of("from", "to")) {
            String v = ctx.queryParam(p);
            if (v != null) {
                details.put(p, v);
            }
        }
    }

    /** The new resource's id, the last segment of the answer's Location. */
    private static String created(Context ctx) {
        String location = ctx.res().getHeader("Location");
        return location == null ? null : location.substring(location.lastIndexOf('/') + 1);
    }

    /** The value of {@code {name}} in {@code route} as it appears in the request path. */
    static String param(String route, String path, String name) {
        String[] r = route.split("/");
        String[] p = path.split("/");
        for (int i = 0; i < r.length && i < p.length; i++) {
            if (r[i].equals("{" + name + "}")) {
                return p[i];
            }
        }
        return null;
    }

    /**
     * The names of the top-level fields of a JSON body ({@code fields}), the {@code username} of a login and the
     * {@code name} of a camera: never other values, which may be passwords.
     */
    private static Map<String, Object> fields(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        if (body.length == 0) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            JsonNode n = Json.MAPPER.readTree(body);
            if (n == null || !n.isObject()) {
                return Map.of();
            }
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            out.put("fields", String.join(",", names));
            for (String keep : List.of("username", "name")) {
                if (n.get(keep) != null && n.get(keep).isTextual()) {
                    out.put(keep, n.get(keep).asText());
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return out;
    }
}
