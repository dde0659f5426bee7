package io.argus.server.api;

import static io.argus.server.audit.AuditActions.AUDIT_EXPORT;
import static io.argus.server.audit.AuditActions.CAMERA_STORAGE_POLICY;
import static io.argus.server.audit.AuditActions.CAMERA_TEST;
import static io.argus.server.audit.AuditActions.EVIDENCE_EXPORT;
import static io.argus.server.audit.AuditActions.INTEGRITY_VERIFY;
import static io.argus.server.audit.AuditActions.KEYS_ROTATE_DATA;
import static io.argus.server.audit.AuditActions.KEYS_ROTATE_MASTER;
import static io.argus.server.audit.AuditActions.RECORDING_PROMOTE;
import static io.argus.server.audit.AuditActions.RECORDING_RESTORE;
import static io.argus.server.audit.AuditActions.STORAGE_DEFAULT_POLICY;
import static io.argus.server.audit.AuditActions.STORAGE_MOVER_RUN;
import static io.argus.server.audit.AuditActions.STORAGE_POLICY_CREATE;
import static io.argus.server.audit.AuditActions.STORAGE_POLICY_DELETE;
import static io.argus.server.audit.AuditActions.STORAGE_POLICY_UPDATE;
import static io.argus.server.audit.AuditActions.AUDIT_READ;
import static io.argus.server.audit.AuditActions.AUDIT_VERIFY;
import static io.argus.server.audit.AuditActions.BOOKMARK_CREATE;
import static io.argus.server.audit.AuditActions.BOOKMARK_DELETE;
import static io.argus.server.audit.AuditActions.CAMERA_CREATE;
import static io.argus.server.audit.AuditActions.CAMERA_DELETE;
import static io.argus.server.audit.AuditActions.CAMERA_RECORDING;
import static io.argus.server.audit.AuditActions.CAMERA_UPDATE;
import static io.argus.server.audit.AuditActions.EXPORT;
import static io.argus.server.audit.AuditActions.GROUP_CREATE;
import static io.argus.server.audit.AuditActions.GROUP_DELETE;
import static io.argus.server.audit.AuditActions.GROUP_UPDATE;
import static io.argus.server.audit.AuditActions.LIVE_VIEW;
import static io.argus.server.audit.AuditActions.LOCKOUT;
import static io.argus.server.audit.AuditActions.LOGIN;
import static io.argus.server.audit.AuditActions.LOGOUT;
import static io.argus.server.audit.AuditActions.MEDIA_URL;
import static io.argus.server.audit.AuditActions.NODE_STATS_RESET;
import static io.argus.server.audit.AuditActions.PLAYBACK;
import static io.argus.server.audit.AuditActions.RECORDING_EVENT;
import static io.argus.server.audit.AuditActions.ROLE_CREATE;
import static io.argus.server.audit.AuditActions.ROLE_DELETE;
import static io.argus.server.audit.AuditActions.ROLE_UPDATE;
import static io.argus.server.audit.AuditActions.SNAPSHOT;
import static io.argus.server.audit.AuditActions.TENANT_CREATE;
import static io.argus.server.audit.AuditActions.TENANT_UPDATE;
import static io.argus.server.audit.AuditActions.TOKEN_CREATE;
import static io.argus.server.audit.AuditActions.TOKEN_REVOKE;
import static io.argus.server.audit.AuditActions.USER_CREATE;
import static io.argus.server.audit.AuditActions.USER_DELETE;
import static io.argus.server.audit.AuditActions.USER_PASSWORD;
import static io.argus.server.audit.AuditActions.USER_UPDATE;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.metadata.AuditEntry;
import io.argus.server.audit.AuditActor;
import io.argus.server.audit.AuditLog;
import io.argus.server.auth.LoginResult;
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
 * whatever its outcome (ok, wrong password, locked out). Views go through {@link AuditLog#recordView}: one row per
 * session. A request made with a signed media URL is its signing user's, marked {@code signed} in the details.
 *
 * <p>Details never hold request values that may be secret: for a change, the names of the fields sent, and the
 * camera name on create.
 */
final class AuditTrail {
    private static final String CAMERA = "/api/v1/cameras/{id}";
    private static final String USERS = "/api/v1/users";
    private static final String ROLES = "/api/v1/roles";
    private static final String GROUPS = "/api/v1/camera-groups";
    private static final String TENANTS = "/api/v1/tenants";
    private static final String ME = "/api/v1/me";
    private static final String STORAGE = "/api/v1/storage";
    /** A {@code targetParam} for routes about the caller themselves ({@code /me}): the target is the caller. */
    static final String SELF = "@self";

    /** Set by the login handler: what was tried and what came of it (the request has no principal yet). */
    static final String LOGIN_ATTEMPT = "argus.audit.loginAttempt";

    /** @param tenant the tenant name the login named (the default one when it named none) */
    record LoginAttempt(String tenant, String username, LoginResult result) {
    }

    /**
     * LOGIN: every attempt. CHANGE: done or refused (403). VIEW: one row per viewing session, or refused. AUDIT:
     * reading the audit log, whose handlers record what they returned; here only refusals.
     */
    enum Kind { LOGIN, CHANGE, VIEW, AUDIT }

    /**
     * @param targetParam the path parameter naming the target; null for the id in the answer's Location (a create);
     *                    {@link #SELF} for the caller
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
            Map.entry("POST /api/v1/auth/logout", new Rule(LOGOUT, "user", SELF, Kind.CHANGE)),
            Map.entry("POST " + TENANTS, new Rule(TENANT_CREATE, "tenant", null, Kind.CHANGE)),
            Map.entry("PATCH " + TENANTS + "/{tid}", new Rule(TENANT_UPDATE, "tenant", "tid", Kind.CHANGE)),
            Map.entry("POST " + USERS, new Rule(USER_CREATE, "user", null, Kind.CHANGE)),
            Map.entry("PATCH " + USERS + "/{uid}", new Rule(USER_UPDATE, "user", "uid", Kind.CHANGE)),
            Map.entry("DELETE " + USERS + "/{uid}", new Rule(USER_DELETE, "user", "uid", Kind.CHANGE)),
            Map.entry("PUT " + ME + "/password", new Rule(USER_PASSWORD, "user", SELF, Kind.CHANGE)),
            Map.entry("POST " + ROLES, new Rule(ROLE_CREATE, "role", null, Kind.CHANGE)),
            Map.entry("PUT " + ROLES + "/{rid}", new Rule(ROLE_UPDATE, "role", "rid", Kind.CHANGE)),
            Map.entry("DELETE " + ROLES + "/{rid}", new Rule(ROLE_DELETE, "role", "rid", Kind.CHANGE)),
            Map.entry("POST " + GROUPS, new Rule(GROUP_CREATE, "camera-group", null, Kind.CHANGE)),
            Map.entry("PUT " + GROUPS + "/{gid}", new Rule(GROUP_UPDATE, "camera-group", "gid", Kind.CHANGE)),
            Map.entry("DELETE " + GROUPS + "/{gid}", new Rule(GROUP_DELETE, "camera-group", "gid", Kind.CHANGE)),
            Map.entry("POST " + ME + "/tokens", new Rule(TOKEN_CREATE, "token", null, Kind.CHANGE)),
            Map.entry("DELETE " + ME + "/tokens/{tokenId}", new Rule(TOKEN_REVOKE, "token", "tokenId", Kind.CHANGE)),
            Map.entry("GET " + CAMERA + "/" + MediaPaths.LIVE_HLS, new Rule(LIVE_VIEW, "camera", "id", Kind.VIEW)),
            Map.entry("GET " + CAMERA + "/" + MediaPaths.SNAPSHOT, new Rule(SNAPSHOT, "camera", "id", Kind.VIEW)),
            Map.entry("GET " + CAMERA + "/" + MediaPaths.PLAYBACK_HLS,
                    new Rule(PLAYBACK, "camera", "id", Kind.VIEW)),
            Map.entry("GET " + CAMERA + "/" + MediaPaths.EXPORT_MP4, new Rule(EXPORT, "camera", "id", Kind.CHANGE)),
            Map.entry("POST /api/v1/cameras/test", new Rule(CAMERA_TEST, "camera", null, Kind.CHANGE)),
            Map.entry("PUT " + CAMERA + "/storage-policy",
                    new Rule(CAMERA_STORAGE_POLICY, "camera", "id", Kind.CHANGE)),
            Map.entry("POST " + CAMERA + "/restore", new Rule(RECORDING_RESTORE, "camera", "id", Kind.CHANGE)),
            Map.entry("POST " + CAMERA + "/promote", new Rule(RECORDING_PROMOTE, "camera", "id", Kind.CHANGE)),
            Map.entry("GET " + CAMERA + "/verify", new Rule(INTEGRITY_VERIFY, "camera", "id", Kind.CHANGE)),
            Map.entry("POST " + CAMERA + "/verify", new Rule(INTEGRITY_VERIFY, "camera", "id", Kind.CHANGE)),
            Map.entry("GET " + CAMERA + "/evidence", new Rule(EVIDENCE_EXPORT, "camera", "id", Kind.CHANGE)),
            Map.entry("POST " + STORAGE + "/policies",
                    new Rule(STORAGE_POLICY_CREATE, "storage-policy", null, Kind.CHANGE)),
            Map.entry("PUT " + STORAGE + "/policies/{pid}",
                    new Rule(STORAGE_POLICY_UPDATE, "storage-policy", "pid", Kind.CHANGE)),
            Map.entry("DELETE " + STORAGE + "/policies/{pid}",
                    new Rule(STORAGE_POLICY_DELETE, "storage-policy", "pid", Kind.CHANGE)),
            Map.entry("PUT " + STORAGE + "/default-policy",
                    new Rule(STORAGE_DEFAULT_POLICY, "tenant", null, Kind.CHANGE)),
            Map.entry("POST " + STORAGE + "/mover/run", new Rule(STORAGE_MOVER_RUN, "node", null, Kind.CHANGE)),
            Map.entry("POST /api/v1/keys/rotate-master", new Rule(KEYS_ROTATE_MASTER, "node", null, Kind.CHANGE)),
            Map.entry("POST /api/v1/keys/rotate-data", new Rule(KEYS_ROTATE_DATA, "tenant", null, Kind.CHANGE)),
            Map.entry("GET " + AuditHandlers.AUDIT, new Rule(AUDIT_READ, null, null, Kind.AUDIT)),
            Map.entry("GET " + AuditHandlers.AUDIT + "/export", new Rule(AUDIT_EXPORT, null, null, Kind.AUDIT)),
            Map.entry("GET " + AuditHandlers.AUDIT + "/verify", new Rule(AUDIT_VERIFY, null, null, Kind.AUDIT)));

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
        if (rule.kind() == Kind.LOGIN) {
            login(ctx);
            return;
        }
        int status = ctx.statusCode();
        boolean ok = status >= 200 && status < 300;
        Optional<AuditActor> actor = actors.of(ctx);
        if ((!ok && status != 403) || actor.isEmpty() || rule.kind() == Kind.AUDIT && ok) {
            return;
        }
        if (rule.kind() == Kind.AUDIT) {
            log.record(actor.get(), rule.action(), null, null, AuditEntry.DENIED, Map.of("status", status));
            return;
        }
        String target = rule.targetParam() == null ? created(ctx) : SELF.equals(rule.targetParam())
                ? String.valueOf(actor.get().userId()) : param(e.path, ctx.path(), rule.targetParam());
        Map<String, Object> details = new TreeMap<>();
        details.put("status", status);
        if (ctx.attribute(AuthFilter.GRANT) != null) {
            details.put("signed", true);
        }
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
        Map<String, Object> details = ctx.attribute(AuthFilter.GRANT) == null ? Map.of("via", "ws")
                : Map.of("via", "ws", "signed", true);
        actors.of(ctx).ifPresent(a -> log.recordView(a, LIVE_VIEW,
                param(CAMERA + "/" + MediaPaths.LIVE_WS, ctx.path(), "id"), details));
    }

    private void login(Context ctx) {
        LoginAttempt a = ctx.attribute(LOGIN_ATTEMPT);
        if (a == null) {
            return; // refused before any check (a malformed body): nobody tried a password
        }
        switch (a.result()) {
            case LoginResult.Ok ok -> {
                AuditActor actor = AuditActors.loggedIn(ctx, ok.token().session(), a.username());
                log.record(actor, LOGIN, "user", actor.userId().toString(), AuditEntry.OK, Map.of("tenant",
                        a.tenant()));
            }
            case LoginResult.Rejected r -> log.record(actors.failedLogin(ctx, a.tenant(), a.username()), LOGIN,
                    "user", null, AuditEntry.FAILED, Map.of("tenant", a.tenant(), "reason",
                            "wrong tenant, username or password, or disabled"));
            case LoginResult.Locked l -> log.record(actors.failedLogin(ctx, a.tenant(), a.username()), LOCKOUT,
                    "user", null, AuditEntry.DENIED, Map.of("tenant", a.tenant(), "retryAfterSeconds",
                            Math.max(1, (l.retryAfter().toMillis() + 999) / 1000)));
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
